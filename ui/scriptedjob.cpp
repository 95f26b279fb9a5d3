#include "scriptedjob.h"

#include "util/atomic_file.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

namespace exl2 {

namespace {

namespace fs = std::filesystem;

std::string moduleKey(int index, int count)
{
    if (index == count - 1)
        return "lm_head";
    return "model.layers." + std::to_string(index / 2) + (index % 2 == 0 ? ".self_attn" : ".mlp");
}

// The checkpoint: how many modules each pass has finished.
struct Checkpoint {
    int measured = 0, quantized = 0;
};

Checkpoint loadCheckpoint(const fs::path& file)
{
    Checkpoint c;
    if (!fs::exists(file))
        return c;
    const auto j = nlohmann::json::parse(readFile(file), nullptr, false);
    if (j.is_discarded() || !j.contains("scripted_job"))
        throw Error(ErrorCode::Format, file.string() + ": expected a scripted job checkpoint (key \"scripted_job\")");
    c.measured = j["scripted_job"].value("measured", 0);
    c.quantized = j["scripted_job"].value("quantized", 0);
    return c;
}

void saveCheckpoint(const fs::path& file, const Checkpoint& c)
{
    nlohmann::json j;
    j["scripted_job"] = {{"measured", c.measured}, {"quantized", c.quantized}};
    writeFileAtomically(file, j.dump(2));
}

}  // namespace

JobResult ScriptedJob::operator()(const JobSettings& settings, JobHooks& hooks) const
{
    if (settings.outDir.empty())
        throw Error(ErrorCode::InvalidArgument, "job settings: outDir is empty, expected a working folder");
    const auto start = std::chrono::steady_clock::now();
    const fs::path out(settings.outDir);
    fs::create_directories(out);
    const fs::path jobFile = out / "job.json";
    if (settings.noResume)
        fs::remove(jobFile);
    Checkpoint cp = loadCheckpoint(jobFile);

    const int count = moduleCount(m_options);
    auto log = [&](const std::string& s) { if (hooks.log) hooks.log(s); };
    auto progress = [&](JobStage st, double f) { if (hooks.progress) hooks.progress(st, f, (1.0 - f) * count * 0.01); };
    auto pause = [&] {
        if (m_options.moduleDelayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(m_options.moduleDelayMs));
    };
    auto checkCancel = [&] {
        if (hooks.cancelRequested && hooks.cancelRequested->load()) {
            saveCheckpoint(jobFile, cp);
            log(" -- Job stopped; resumable");
            throw Error(ErrorCode::Cancelled, "job cancelled by the user");
        }
    };

    log(cp.measured || cp.quantized ? " -- Resuming job" : " -- Beginning new job");
    progress(JobStage::Begin, 1.0);
    const bool measure = settings.reuseMeasurement.empty();
    if (measure) {
        progress(JobStage::InitialEmbeddings, 1.0);
        for (int i = cp.measured; i < count; ++i) {
            checkCancel();
            ModuleMeasured m;
            m.moduleIndex = i;
            m.moduleCount = count;
            m.key = moduleKey(i, count);
            for (double bpw : {2.2, 3.1, 4.1, 5.2, 6.3, 8.1}) {
                m.optionBpw.push_back(bpw);
                m.optionAccuracy.push_back(1.0 - std::pow(2.0, -1.7 * bpw) * (1.0 + 0.15 * (i % 3)));
            }
            pause();
            cp.measured = i + 1;
            saveCheckpoint(jobFile, cp);
            if (hooks.moduleMeasured)
                hooks.moduleMeasured(m);
            progress(JobStage::MeasureQuant, double(i + 1) / count);
        }
        if (!settings.outputMeasurement.empty()) {
            progress(JobStage::Finished, 1.0);
            JobResult r;
            r.outputDir = settings.outDir;
            r.measurementOnly = true;
            r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            return r;
        }
    }

    StrategyChosen strategy;
    strategy.targetBpw = settings.bits;
    for (int i = 0; i + 1 < count; ++i) {
        strategy.keys.push_back(moduleKey(i, count));
        strategy.bpw.push_back(settings.bits + (i % 2 == 0 ? 0.35 : -0.25) + 0.05 * (i % 4));
    }
    progress(JobStage::Optimize, 1.0);
    if (hooks.strategyChosen)
        hooks.strategyChosen(strategy);
    progress(JobStage::TokensCal, 1.0);
    progress(JobStage::Embeddings, 1.0);

    for (int i = cp.quantized; i < count; ++i) {
        checkCancel();
        if (i == m_options.failAtModule)
            throw Error(ErrorCode::Numerical, moduleKey(i, count) + ": Hessian is not positive definite");
        ModuleQuantized q;
        q.moduleIndex = i;
        q.moduleCount = count;
        q.key = moduleKey(i, count);
        q.bpw = i + 1 < count ? strategy.bpw[size_t(i)] : double(settings.headBits);
        q.error = std::pow(2.0, -1.7 * q.bpw) * (1.0 + 0.1 * (i % 5));
        pause();
        cp.quantized = i + 1;
        saveCheckpoint(jobFile, cp);
        if (hooks.moduleQuantized)
            hooks.moduleQuantized(q);
        progress(JobStage::Quant, double(i + 1) / count);
    }
    const double ppl = 12.0 + 40.0 / settings.bits;
    if (hooks.calibrationPerplexity)
        hooks.calibrationPerplexity(ppl);
    progress(JobStage::Compile, 1.0);
    progress(JobStage::Finished, 1.0);
    log(" -- Finished");

    JobResult r;
    r.outputDir = settings.compileFull.empty() ? settings.outDir : settings.compileFull;
    r.actualBpw = settings.bits;
    r.bytesOnDisk = uint64_t(fs::file_size(jobFile));
    r.calibrationPerplexity = ppl;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace exl2
