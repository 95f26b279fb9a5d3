// optimize: one measured option per decoder module for the target bpw (core/optimize, exact method,
// seeded), stored as job["strategy"] in the reference's shape.
#include "optimize/optimizer.h"
#include "optimize/strategy.h"
#include "pipeline/compile_files.h"
#include "pipeline/stages.h"
#include "util/error.h"

#include <cstdio>

namespace exl2 {

namespace {

int64_t padded32(int64_t n) { return (n + 31) / 32 * 32; }

uint64_t linearsNumel(const SourceModel& model, const std::vector<std::string>& keys)
{
    uint64_t total = 0;
    for (const std::string& k : keys) {
        const TensorInfo& info = model.tensors().info(k + ".weight");
        if (info.shape.size() != 2)
            throw Error(ErrorCode::Model, info.file.string() + ": tensor " + k + ".weight is not a matrix");
        total += uint64_t(info.shape[1] * padded32(info.shape[0]));
    }
    return total;
}

std::string fmt(const char* f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

}  // namespace

Measurement jobMeasurement(JobContext& ctx)
{
    nlohmann::ordered_json j;
    j["measurement"] = ctx.job().measurement;
    j["last_module_idx"] = ctx.job().lastModuleIdx;
    return parseMeasurement(j.dump(), (ctx.outDir() / "job.json").string() + " (measurement)");
}

void stageOptimize(JobContext& ctx, SourceModel& model)
{
    const Measurement m = jobMeasurement(ctx);
    std::vector<uint64_t> numel;
    const ModelConfig& c = model.config();
    for (int i = 0; i < int(c.numLayers); ++i) {
        numel.push_back(linearsNumel(model, attentionLinearKeys(c, i)));
        numel.push_back(linearsNumel(model, mlpLinearKeys(c, i)));
    }
    const OptimizerProblem problem = buildProblem(m, numel);
    OptimizeSettings os;
    os.method = OptimizeMethod::Exact;
    os.seed = ctx.derivedSeed("optimize");
    os.targetBpw = ctx.settings().bits;
    // The reference silently takes the cheapest/dearest options when the target is out of reach; we say so.
    const double lo = problem.minBpw(), hi = problem.maxBpw();
    if (os.targetBpw < lo) {
        ctx.log(" !! Warning: target bitrate " + fmt("%.4f", os.targetBpw) + " is below this model's cheapest options (" +
                fmt("%.4f", lo) + " bpw); using the cheapest options");
        os.targetBpw = lo;
    } else if (os.targetBpw > hi) {
        ctx.log(" !! Warning: target bitrate " + fmt("%.4f", os.targetBpw) + " is above this model's most precise options (" +
                fmt("%.4f", hi) + " bpw); using the most precise options");
        os.targetBpw = hi;
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
    const Strategy strategy = strategyFromAllocation(problem, a);
    ctx.job().strategy = strategyToJson(strategy);
    if (ctx.hooks().strategyChosen) {
        StrategyChosen sc;
        sc.targetBpw = ctx.settings().bits;
        for (const SlotChoice& s : a.slots) {
            sc.keys.push_back(s.key);
            sc.bpw.push_back(s.bpw);
        }
        ctx.hooks().strategyChosen(sc);
    }
    ctx.stepDone();
}

}  // namespace exl2
