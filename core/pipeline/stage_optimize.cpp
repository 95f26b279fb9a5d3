// optimize: one measured option per decoder module for the target bpw (core/optimize, exact method,
// seeded), or the allocation of a strategy file (--strategy); stored as job["strategy"] in the
// reference's shape.
#include "optimize/optimizer.h"
#include "optimize/strategy.h"
#include "pipeline/compile_files.h"
#include "pipeline/stages.h"
#include "pipeline/stored_costs.h"
#include "util/error.h"
#include "util/format.h"

#include <algorithm>
#include <cmath>

namespace exl2 {

Measurement jobMeasurement(JobContext& ctx)
{
    nlohmann::ordered_json j;
    j["measurement"] = ctx.job().measurement;
    j["last_module_idx"] = ctx.job().lastModuleIdx;
    return parseMeasurement(j.dump(), (ctx.outDir() / "job.json").string() + " (measurement)");
}

namespace {

void announce(JobContext& ctx, const std::vector<SlotChoice>& choices, double targetBpw)
{
    if (!ctx.hooks().strategyChosen)
        return;
    StrategyChosen sc;
    sc.targetBpw = targetBpw;
    for (const SlotChoice& s : choices) {
        sc.keys.push_back(s.key);
        sc.bpw.push_back(s.bpw);
    }
    ctx.hooks().strategyChosen(sc);
}

// --strategy: job["strategy"] already holds the file's records (read when the job began, so a resume
// uses the same allocation). They are matched onto this measurement's options and stored back in
// measurement order; the target becomes the allocation's bits per weight as stored on disk.
void applyGivenStrategy(JobContext& ctx, const OptimizerProblem& reference, const OptimizerProblem& problem)
{
    const std::string file = ctx.settings().strategyFile.empty() ? (ctx.outDir() / "job.json").string() + " (strategy)"
                                                                  : ctx.settings().strategyFile;
    const Strategy given = parseStrategy(ctx.job().strategy.dump(), file);
    std::vector<int> choice;
    try {
        choice = choiceFromStrategy(reference, given);
    } catch (const Error& e) {
        throw Error(e.code(), file + ": " + e.what() + " (the strategy must come from a measurement of this model)");
    }
    if (given.size() != reference.moduleSlots.size())
        throw Error(ErrorCode::InvalidArgument, file + ": the strategy has " + std::to_string(given.size()) +
                                                    " modules, the model's measurement " +
                                                    std::to_string(reference.moduleSlots.size()));
    Strategy chosen;
    std::vector<SlotChoice> choices;
    uint64_t bits = 0;
    for (size_t i = 0; i < choice.size(); ++i) {
        const OptimizerSlot& slot = problem.moduleSlots[i];
        chosen.emplace_back(slot.key, reference.moduleSlots[i].records[size_t(choice[i])]);
        bits += slot.cost(size_t(choice[i]));
        SlotChoice sc;
        sc.key = slot.key;
        sc.option = choice[i];
        sc.bpw = double(slot.cost(size_t(choice[i]))) / double(slot.numel);
        choices.push_back(sc);
        ctx.log(" -- " + slot.key + ": " + fixedDecimals(sc.bpw, 4) + " bpw");
    }
    const double bpw = std::round(double(bits) / double(problem.numel()) * 1e4) / 1e4;
    ctx.log(" -- Strategy from " + file + ": " + fixedDecimals(bpw, 4) + " bits per weight (decoder)");
    ctx.job().settings.bits = bpw;
    ctx.job().strategy = strategyToJson(chosen);
    announce(ctx, choices, bpw);
}

}  // namespace

void stageOptimize(JobContext& ctx, SourceModel& model)
{
    const Measurement m = jobMeasurement(ctx);
    const OptimizerProblem reference = buildProblem(m, moduleNumels(model.config(), model.tensors()));
    OptimizerProblem problem = reference;  // the optimizer pays what compile will write
    applyStoredCosts(problem, model.config(), model.tensors());
    if (!ctx.job().strategy.is_null()) {
        ctx.beginSteps(JobStage::Optimize, 0, 1);
        applyGivenStrategy(ctx, reference, problem);
        ctx.stepDone();
        return;
    }
    OptimizeSettings os;
    os.method = OptimizeMethod::Exact;
    os.seed = ctx.derivedSeed("optimize");
    os.targetBpw = ctx.settings().bits;
    // The reference silently takes the cheapest/dearest options when the target is out of reach; we refuse
    // with the reachable range, and the measurement (already saved) can be reused for a reachable target.
    const double lo = problem.minBpw(), hi = problem.maxBpw();
    constexpr double kShownPrecision = 1e-4;  // the range is printed with 4 decimals: accept what was shown
    if (os.targetBpw >= lo - kShownPrecision && os.targetBpw <= hi + kShownPrecision) {
        os.targetBpw = std::clamp(os.targetBpw, lo, hi);
    } else {
        const std::string measurement = (ctx.outDir() / "measurement.json").string();
        throw Error(ErrorCode::InvalidArgument,
                    "Error: target bitrate " + fixedDecimals(os.targetBpw, 4) +
                        " bpw is not attainable for this model: the reachable range is " + fixedDecimals(lo, 4) + " to " +
                        fixedDecimals(hi, 4) + " bpw. The measurement is saved: copy " + measurement +
                        " elsewhere and convert again with -nr -m <that copy> and -b within the range");
    }
    ctx.beginSteps(JobStage::Optimize, 0, 1);
    const Allocation a = optimizeAllocation(problem, os);
    for (const std::string& w : a.warnings)
        ctx.log(" !! " + w);
    std::string text = formatAllocation(a);
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        ctx.log(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    const Strategy strategy = strategyFromAllocation(reference, a);  // records as measured
    ctx.job().strategy = strategyToJson(strategy);
    announce(ctx, a.choices, ctx.settings().bits);
    ctx.stepDone();
}

}  // namespace exl2
