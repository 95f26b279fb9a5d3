// How exl2-convert shows a job: human lines on stdout (or stderr with --json-progress), a progress
// line with ETA per step, and with --json-progress one JSON object per event on stdout.
#pragma once

#include "pipeline/job_settings.h"
#include "util/error.h"

#include <chrono>

class ConvertPrinter {
public:
    explicit ConvertPrinter(bool json);

    exl2::JobHooks hooks();
    void finished(const exl2::JobResult& result);
    // Prints the error and returns the exit code: 2 bad arguments, 130 cancelled, 1 anything else.
    int failed(const exl2::Error& error);

private:
    void human(const std::string& line);
    void progress(exl2::JobStage stage, double fraction, double eta);

    bool m_json;
    std::chrono::steady_clock::time_point m_lastPrint{};
};
