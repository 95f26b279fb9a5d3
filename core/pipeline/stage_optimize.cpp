// optimize: one measured option per decoder module for the target bpw (core/optimize, exact method,
// seeded), stored as job["strategy"] in the reference's shape.
#include "optimize/optimizer.h"
#include "optimize/strategy.h"
#include "pipeline/compile_files.h"
#include "pipeline/stages.h"
#include "quant/group_schedule.h"
#include "util/error.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace exl2 {

namespace {

int64_t padded32(int64_t n) { return (n + 31) / 32 * 32; }

struct LinearShape {
    int64_t k = 0, nPadded = 0, bias = 0;
};

std::map<std::string, LinearShape> linearShapes(const SourceModel& model, const std::vector<std::string>& keys)
{
    std::map<std::string, LinearShape> out;
    for (const std::string& key : keys) {
        const TensorInfo& info = model.tensors().info(key + ".weight");
        LinearShape s{info.shape.at(1), padded32(info.shape.at(0)), 0};
        if (model.tensors().contains(key + ".bias"))
            s.bias = s.nPadded;
        out[key.substr(key.rfind('.') + 1)] = s;
    }
    return out;
}

// Bits a linear really occupies on disk. Equal to the reference cost (QParams::totalBits) whenever K is a
// multiple of 32; otherwise the packer rounds the short last group up to whole packing units, and the
// optimizer must pay for that to land on the target as compiled.
uint64_t storedBits(const MeasuredQParams& m, const LinearShape& s, const std::string& context)
{
    std::vector<int> groupSizes;
    for (int b : m.bits)
        for (const auto& [bits, gs] : m.groupSize)
            if (bits == b)
                groupSizes.push_back(gs);
    const QParams qp(groupSizes, m.bits, m.bitsProp);
    const GroupSchedule g = makeGroupSchedule(qp, s.k, context);
    const uint64_t groups = g.groups.size();
    return uint64_t(g.packedRows) * 32 * uint64_t(s.nPadded) + 4 * groups * uint64_t(s.nPadded) + 48 * groups +
           32 * uint64_t(s.k) + 16 * uint64_t(s.bias);
}

OptimizerProblem withStoredCosts(OptimizerProblem p, const SourceModel& model)
{
    const ModelConfig& c = model.config();
    for (size_t i = 0; i < p.moduleSlots.size(); ++i) {
        const int layer = int(i / 2);
        const auto shapes =
            linearShapes(model, i % 2 == 0 ? attentionLinearKeys(c, layer) : mlpLinearKeys(c, layer));
        for (OptionRecord& r : p.moduleSlots[i].records) {
            uint64_t bits = 0;
            for (const auto& [name, qp] : r.linears) {
                const auto it = shapes.find(name);
                if (it == shapes.end())
                    throw Error(ErrorCode::Model, p.moduleSlots[i].key + ": the measurement names a linear \"" + name +
                                                      "\" that the model does not have");
                bits += storedBits(qp, it->second, p.moduleSlots[i].key + "." + name);
            }
            r.totalBits = bits;
        }
    }
    return p;
}

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
    const OptimizerProblem reference = buildProblem(m, numel);
    const OptimizerProblem problem = withStoredCosts(reference, model);
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
                    "Error: target bitrate " + fmt("%.4f", os.targetBpw) +
                        " bpw is not attainable for this model: the reachable range is " + fmt("%.4f", lo) + " to " +
                        fmt("%.4f", hi) + " bpw. The measurement is saved: copy " + measurement +
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
    if (ctx.hooks().strategyChosen) {
        StrategyChosen sc;
        sc.targetBpw = ctx.settings().bits;
        for (const SlotChoice& s : a.choices) {
            sc.keys.push_back(s.key);
            sc.bpw.push_back(s.bpw);
        }
        ctx.hooks().strategyChosen(sc);
    }
    ctx.stepDone();
}

}  // namespace exl2
