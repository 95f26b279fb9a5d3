#include "pipeline/job_context.h"

#include "util/error.h"

#include <numeric>

namespace exl2 {
namespace fs = std::filesystem;

JobContext::JobContext(JobRecord job, fs::path outDir, JobHooks& hooks)
    : m_job(std::move(job)), m_outDir(std::move(outDir)), m_work(m_outDir), m_hooks(hooks)
{
}

void JobContext::log(const std::string& line) const
{
    if (m_hooks.log)
        m_hooks.log(line);
}

void JobContext::checkCancel() const
{
    if (m_hooks.cancelRequested && m_hooks.cancelRequested->load())
        throw Error(ErrorCode::Cancelled, "Job interrupted at stage " + std::string(jobStageName(m_job.progress)) +
                                              "; run the same command again to resume from " + m_outDir.string());
}

void JobContext::save()
{
    m_work.own(kJobFileName);
    saveJob(m_outDir, m_job);
}

void JobContext::beginSteps(JobStage stage, int done, int total)
{
    m_stage = stage;
    m_done = done;
    m_total = total;
    m_durations.clear();
    m_stepStart = std::chrono::steady_clock::now();
    if (m_hooks.progress)
        m_hooks.progress(stage, total > 0 ? double(done) / total : 0.0, -1.0);
}

void JobContext::stepDone()
{
    const auto now = std::chrono::steady_clock::now();
    m_durations.push_back(std::chrono::duration<double>(now - m_stepStart).count());
    if (m_durations.size() > 10)
        m_durations.pop_front();
    m_stepStart = now;
    ++m_done;
    if (m_hooks.progress)
        m_hooks.progress(m_stage, m_total > 0 ? double(m_done) / m_total : 1.0, etaSeconds());
}

double JobContext::etaSeconds() const
{
    if (m_durations.empty())
        return -1.0;
    const double mean = std::accumulate(m_durations.begin(), m_durations.end(), 0.0) / double(m_durations.size());
    return mean * double(std::max(0, m_total - m_done));
}

std::string JobContext::newStatesFileName(const std::string& tag)
{
    const std::string name = "hidden_states_" + tag + ".bin";
    m_work.own(name);
    return name;
}

void JobContext::retireStatesFile(const std::string& previous)
{
    if (previous.empty() || previous == m_job.statesFile)
        return;
    std::error_code ec;
    fs::remove(m_outDir / previous, ec);
}

uint64_t JobContext::derivedSeed(const std::string& purpose) const
{
    // FNV-1a of the purpose mixed with the job seed: stable across runs and platforms.
    uint64_t h = 1469598103934665603ull ^ m_job.settings.seed;
    for (unsigned char c : purpose)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

}  // namespace exl2
