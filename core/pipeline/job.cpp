#include "pipeline/job.h"

#include "optimize/measurement.h"
#include "optimize/strategy.h"
#include "pipeline/job_checks.h"
#include "pipeline/job_context.h"
#include "pipeline/resource_check.h"
#include "pipeline/job_stage.h"
#include "pipeline/stages.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/format.h"
#include "util/python_json.h"

#include <chrono>
#include <cmath>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

void createOutDir(const fs::path& dir, const LogFn& log)
{
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec))
            throw Error(ErrorCode::InvalidArgument, "Error: Failed to create output directory: " + dir.string() +
                                                        "\n    it exists and is not a directory");
        return;
    }
    fs::create_directories(dir, ec);
    if (ec)
        throw Error(ErrorCode::Io, "Error: Failed to create output directory: " + dir.string() + "\n    " + ec.message());
    log(" -- Created output directory: " + dir.string());
}

JobRecord newJob(const JobSettings& cli, const fs::path& outDir, const LogFn& log)
{
    log(" -- Beginning new job");
    if (WorkDir::nonEmpty(outDir)) {
        log(" !! Warning: Output directory is not empty: " + outDir.string());
        if (cli.noResume) {
            log(" !! Cleaning output directory: " + outDir.string());
            WorkDir(outDir).clean();
            if (WorkDir::nonEmpty(outDir))
                log(" !! Note: files in " + outDir.string() + " that no job wrote were kept");
        }
    }
    JobRecord job;
    job.settings = cli;
    job.settings.noResume = false;
    if (job.settings.shardSizeMiB <= 0)
        job.settings.shardSizeMiB = 1024.0 * 1024.0 * 1024.0;  // reference: "1 PB = unlimited"
    job.settings.outputMeasurement = resolveOutputMeasurement(cli.outputMeasurement);
    if (!cli.reuseMeasurement.empty()) {
        const Measurement m = readMeasurement(cli.reuseMeasurement);
        job.measurement = nlohmann::ordered_json::parse(measurementToJsonText(m))["measurement"];
        job.lastModuleIdx = int(m.lastModuleIdx);
    }
    if (!cli.strategyFile.empty()) {
        if (!cli.outputMeasurement.empty() && cli.reuseMeasurement.empty())
            throw Error(ErrorCode::InvalidArgument, "Conflicting options: --strategy and --output_measurement");
        // Read now and kept in job.json: the optimize stage uses these records instead of optimizing, and a
        // resumed job uses them even if the file has changed or gone meanwhile.
        job.strategy = strategyToJson(readStrategy(cli.strategyFile));
    }
    return job;
}

JobRecord resumedJob(const JobSettings& cli, const fs::path& outDir, const LogFn& log)
{
    log(" -- Resuming job");
    if (!cli.inDir.empty())
        log(" !! Note: Overriding options with settings from existing job");
    JobRecord job = loadJob(outDir);
    // A job file is outside data too: its settings get the same checks as the command line (quietly:
    // the warnings were printed when the job began).
    JobSettings stored = job.settings;
    stored.outDir = cli.outDir;
    checkSettings(stored, true, [](const std::string&) {});
    if (job.invalid)
        throw Error(ErrorCode::Format, "Error: Corrupted job");
    if (job.progress == JobStage::Finished)
        throw Error(ErrorCode::InvalidArgument,
                    "Job is already finished. Clear the working directory, or run this script with -nr/--no_resume "
                    "to clear it automatically.");
    job.settings.outDir = cli.outDir;  // the folder may have moved
    return job;
}

void printFeedback(const JobSettings& s, const LogFn& log)
{
    log(" -- Input: " + s.inDir);
    log(" -- Output: " + s.outDir);
    if (!s.calDataset.empty())
        log(" -- Calibration dataset: " + s.calDataset + ", " + std::to_string(s.datasetRows) + " / " +
            std::to_string(s.measurementRows) + " rows, " + std::to_string(s.length) + " tokens per sample");
    else
        log(" -- Using default calibration dataset");
    log(" -- Target bits per weight: " + pythonFloatRepr(s.bits) + " (decoder), " + std::to_string(s.headBits) +
        " (head)");
    log(" -- Max shard size: " + pythonFloatRepr(s.shardSizeMiB) + " MB");
    if (!s.outputMeasurement.empty()) {
        log(" -- Measurement will be saved to " + s.outputMeasurement);
        log(" !! Conversion script will end after measurement pass");
    }
    if (s.ropeScale)
        log(" -- RoPE scale: " + fixedDecimals(*s.ropeScale, 2));
    if (s.ropeAlpha)
        log(" -- RoPE alpha: " + fixedDecimals(*s.ropeAlpha, 2));
    if (!s.compileFull.empty())
        log(" -- Full model will be compiled to: " + s.compileFull);
    if (!s.strategyFile.empty())
        log(" -- Allocation from strategy file: " + s.strategyFile + " (the target bits per weight is what it gives)");
    log(" -- Seed: " + std::to_string(s.seed));
}

const char* stageBanner(JobStage stage, bool reuse)
{
    switch (stage) {
    case JobStage::Begin: return reuse ? nullptr : " -- Tokenizing samples (measurement)...";
    case JobStage::InitialEmbeddings: return " -- Token embeddings (measurement)...";
    case JobStage::MeasureQuant: return " -- Measuring quantization impact...";
    case JobStage::Optimize: return " -- Optimizing...";
    case JobStage::TokensCal: return " -- Tokenizing samples...";
    case JobStage::Embeddings: return " -- Token embeddings again...";
    case JobStage::Quant: return " -- Quantizing...";
    case JobStage::Compile: return " -- Compiling output file...";
    case JobStage::Finished: return nullptr;
    }
    return nullptr;
}

// Paths given relative to the current folder are made absolute once, here: the work folder's manifest and
// every stage then see one spelling of each file, whatever the folder the job is resumed from.
JobSettings withAbsolutePaths(JobSettings s)
{
    for (std::string* p : {&s.inDir, &s.outDir, &s.compileFull, &s.calDataset, &s.outputMeasurement, &s.reuseMeasurement,
                          &s.strategyFile})
        if (!p->empty())
            *p = fs::absolute(*p).lexically_normal().string();
    return s;
}

}  // namespace

JobResult runJob(const JobSettings& userSettings, JobHooks& hooks)
{
    const JobSettings cli = withAbsolutePaths(userSettings);
    const auto start = std::chrono::steady_clock::now();
    const LogFn log = [&](const std::string& line) {
        if (hooks.log)
            hooks.log(line);
    };
    const bool resuming = !cli.outDir.empty() && !cli.noResume && jobExists(cli.outDir);
    checkSettings(cli, resuming, log);
    const fs::path outDir = cli.outDir;
    createOutDir(outDir, log);

    JobRecord record = resuming ? resumedJob(cli, outDir, log) : newJob(cli, outDir, log);
    checkCompileFull(record.settings.compileFull, log);
    printFeedback(record.settings, log);

    JobContext ctx(std::move(record), outDir, hooks);
    if (resuming && ctx.work().sweepTemporaries() > 0)
        log(" -- Removed temporary files of an interrupted run");
    JobSettings& s = ctx.job().settings;
    SourceModel model(s.inDir, s.device, s.ropeScale, s.ropeAlpha);
    log(" -- Device: " + model.backend().info().name);
    checkRope(model.config(), model.dir(), s, log);
    if (!resuming) {
        applySmallModelDefaults(s, model.config(), log);
        s.smallModelDefaults = false;  // applied once; a resumed job keeps the stored values
    }
    clampLengths(s, model.config().maxPositions, log);
    preflightResources(model.config(), model.dir(), s, log);  // disk and RAM, before any work
    ctx.save();

    const bool reuse = !s.reuseMeasurement.empty();
    const bool measureOnly = !s.outputMeasurement.empty() && !reuse;
    JobResult result;
    result.measurementOnly = measureOnly;
    if (!s.compileFull.empty())
        ctx.work().ownDirectory(s.compileFull);
    ctx.work().ownDirectory("out_tensor");
    double previousSeconds = ctx.job().secondsSpent;
    auto addTime = [&] {
        ctx.job().secondsSpent =
            previousSeconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };

    while (ctx.job().progress != JobStage::Finished) {
        ctx.checkCancel();
        const JobStage stage = ctx.job().progress;
        if (const char* banner = stageBanner(stage, reuse))
            log(banner);
        switch (stage) {
        case JobStage::Begin:
            if (reuse)
                log(" -- Reusing measurement: " + s.reuseMeasurement);
            else
                stageTokenize(ctx, model, true);
            break;
        case JobStage::InitialEmbeddings: stageEmbeddings(ctx, model, true); break;
        case JobStage::MeasureQuant: stageMeasure(ctx, model); break;
        case JobStage::Optimize: stageOptimize(ctx, model); break;
        case JobStage::TokensCal: stageTokenize(ctx, model, false); break;
        case JobStage::Embeddings: stageEmbeddings(ctx, model, false); break;
        case JobStage::Quant: stageQuantize(ctx, model); break;
        case JobStage::Compile: stageCompile(ctx, model, result); break;
        case JobStage::Finished: break;
        }
        ctx.job().progress = nextStage(stage, reuse, measureOnly);
        addTime();
        ctx.save();
    }
    log(" -- Finished");
    if (hooks.progress)
        hooks.progress(JobStage::Finished, 1.0, 0.0);
    result.calibrationPerplexity = ctx.job().calibrationPerplexity;
    result.seconds = ctx.job().secondsSpent;
    if (result.outputDir.empty())
        result.outputDir = measureOnly ? s.outputMeasurement : (s.compileFull.empty() ? s.outDir : s.compileFull);
    return result;
}

}  // namespace exl2
