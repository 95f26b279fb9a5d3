// How exl2-convert shows a job: human lines on stdout (or stderr with --json-progress), a progress
// line with ETA per step, with --json-progress one JSON object per event on stdout, and with -so the
// reference's [STATUS]{...}[/STATUS] lines on stdout.
#pragma once

#include "pipeline/job_settings.h"
#include "util/error.h"

#include <chrono>

#include <string>

// The reference's machine-readable status line (exl2-pipeline.md 9.2) for a stage and its completion:
// [STATUS]{"stage": "Measuring", "completion": 0.4627}[/STATUS]. Empty for stages it has no name for.
std::string statusLine(exl2::JobStage stage, double fraction);

class ConvertPrinter {
public:
    ConvertPrinter(bool json, bool status);

    exl2::JobHooks hooks();
    void finished(const exl2::JobResult& result);
    // Prints the error and returns the exit code: 2 bad arguments, 130 cancelled, 1 anything else.
    int failed(const exl2::Error& error);

private:
    void human(const std::string& line);
    void progress(exl2::JobStage stage, double fraction, double eta);

    bool m_json;
    bool m_status;
    std::chrono::steady_clock::time_point m_lastPrint{};
};
