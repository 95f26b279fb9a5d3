// What every stage of a running job shares: the job record, the working directory, the hooks,
// cancellation, saving and progress with ETA. Internal to core/pipeline.
#pragma once

#include "pipeline/job_file.h"
#include "pipeline/job_settings.h"
#include "pipeline/work_dir.h"

#include <chrono>
#include <deque>
#include <filesystem>
#include <string>

namespace exl2 {

class JobContext {
public:
    JobContext(JobRecord job, std::filesystem::path outDir, JobHooks& hooks);

    JobRecord& job() { return m_job; }
    const JobSettings& settings() const { return m_job.settings; }
    WorkDir& work() { return m_work; }
    const std::filesystem::path& outDir() const { return m_outDir; }
    JobHooks& hooks() { return m_hooks; }

    void log(const std::string& line) const;
    // Throws Error(Cancelled) when cancellation was requested; call only where the job file is consistent.
    void checkCancel() const;
    void save();

    // Progress of `stage`: `done` of `total` steps; the ETA uses the mean of the last 10 step durations.
    void beginSteps(JobStage stage, int done, int total);
    void stepDone();
    double etaSeconds() const;

    // Replaces the job's states checkpoint: `write` fills the new file (named after `tag`), then the
    // caller's `commit` updates the record, job.json is saved, and only then the old file is removed.
    std::string newStatesFileName(const std::string& tag);
    void retireStatesFile(const std::string& previous);

    uint64_t derivedSeed(const std::string& purpose) const;

private:
    JobRecord m_job;
    std::filesystem::path m_outDir;
    WorkDir m_work;
    JobHooks& m_hooks;
    JobStage m_stage = JobStage::Begin;
    int m_done = 0, m_total = 0;
    std::chrono::steady_clock::time_point m_stepStart;
    std::deque<double> m_durations;
};

}  // namespace exl2
