// Helpers of the fault-injection suite: run exl2-convert on a small job (stories260k from ../shared, else
// the built-in demo model), optionally under a file size limit or with a kill armed, read the job's stage
// from job.json, and hash a job's outputs for the bit-identity checks.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace exl2test {

struct ConvertRun {
    bool killed = false;     // ended by a signal (SIGKILL from the test or from EXL2_FAULT_KILL_POINT)
    int exitCode = 0;        // when not killed
    QString output;          // stderr (human lines and the error), stdout (JSON progress) after it
    double seconds = 0;
};

struct ConvertOptions {
    long killPoint = 0;         // EXL2_FAULT_KILL_POINT: the converter kills itself at this write point
    int killAfterMs = -1;       // >= 0: SIGKILL this long after the first JSON progress line (of killOnStage)
    QString killOnStage;        // "optimize", ...: arm the timed kill on this stage's first progress event
    uint64_t fileSizeLimit = 0; // > 0: RLIMIT_FSIZE of the child (SIGXFSZ ignored, so writes fail with EFBIG)
    QStringList env;            // extra NAME=VALUE
};

class ConvertJob {
public:
    // The model and calibration text: stories260k + TinyStories when ../shared exists, else the demo model
    // written under `scratch` and the built-in dataset (also when EXL2_FAULTS_DEMO is set).
    explicit ConvertJob(const std::filesystem::path& scratch);

    QStringList args(const std::filesystem::path& work, const std::filesystem::path& full) const;
    ConvertRun run(const std::filesystem::path& work, const std::filesystem::path& full,
                   const ConvertOptions& options = {}) const;
    bool usesSharedModel() const { return m_shared; }
    static QString binary();

private:
    std::filesystem::path m_model, m_text;
    bool m_shared = false;
};

// job.json's "progress" ("begin" ... "finished"); "(no job.json)" before the first save.
std::string jobStage(const std::filesystem::path& work);
// The stage groups: tokenize, embeddings, measure, optimize, quantize, compile (finished -> compile).
std::string stageGroup(const std::string& jobStage);

// SHA-256 of every file under `full` (the -cf folder) and of work/measurement.json, by relative path.
std::map<std::string, QByteArray> outputHashes(const std::filesystem::path& work, const std::filesystem::path& full);

}  // namespace exl2test
