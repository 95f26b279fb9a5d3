// measure_quant (reference section 4): per decoder module (attention, MLP, MoE), every distinct option
// of every linear is GPTQ-quantized once, each option row is scored by 1 − mean relative Frobenius error
// of the module output over the calibration rows, and the states advance through the UNQUANTIZED module.
#include "optimize/measurement.h"
#include "pipeline/module_runner.h"
#include "pipeline/qparams_json.h"
#include "pipeline/stages.h"
#include "pipeline/states_checkpoint.h"
#include "quant/gptq.h"
#include "util/error.h"

#include <chrono>
#include <cstdio>

namespace exl2 {
namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

std::string printf2(const char* f, const std::string& a, const std::string& b, double v)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, f, a.c_str(), b.c_str(), v);
    return buf;
}

struct Variant {
    LinearWeights weights;
    int64_t totalBits = 0;
    QParams qp;
};

// Options of one decoder module: for each linear, its distinct QParams, and the option rows as indices.
struct OptionTable {
    std::vector<std::vector<QParams>> perLinear;
    std::vector<std::vector<int>> rows;
};

OptionTable optionTable(const ModuleRef& m, size_t linearCount)
{
    const bool attention = m.kind == ModuleKind::Attention;
    const bool noGate = m.kind == ModuleKind::Mlp && linearCount == 2;
    const ReducedQParams r = getQParamsReduced(attention ? qparamsAttn() : qparamsMlp(), noGate);
    OptionTable t;
    for (size_t c = noGate ? 1 : 0; c < r.columns.size(); ++c)
        t.perLinear.push_back(r.columns[c]);
    t.rows = r.rowIndices;
    if (m.kind == ModuleKind::Moe && linearCount % 3 == 0 && t.perLinear.size() == 3) {
        // Reference 4.11: w1/w3/w2 of every expert take the gate/up/down columns, all experts the same row.
        const OptionTable perExpert = t;
        t.perLinear.clear();
        for (size_t l = 0; l < linearCount; ++l)
            t.perLinear.push_back(perExpert.perLinear[l % 3]);
        for (size_t row = 0; row < t.rows.size(); ++row) {
            t.rows[row].clear();
            for (size_t l = 0; l < linearCount; ++l)
                t.rows[row].push_back(perExpert.rows[row][l % 3]);
        }
    }
    if (t.perLinear.size() != linearCount)
        throw Error(ErrorCode::Unsupported, m.key + ": " + std::to_string(linearCount) +
                                                " linears do not match the option table's columns");
    return t;
}

ojson measureModule(JobContext& ctx, SourceModel& model, const ModuleRef& m, const HiddenStates& input,
                    const ReferencePass& ref, const HessianPlan& plan, ModuleMeasured& report)
{
    TransformerModel& tm = model.transformer();
    Backend& backend = model.backend();
    const std::vector<NamedLinear> linears = tm.linears(m);
    const OptionTable table = optionTable(m, linears.size());
    std::vector<std::vector<Variant>> variants(linears.size());
    GptqWorkspace ws;
    QuantizeOptions qo;
    qo.selfCheck = false;
    int64_t numel = 0;
    for (size_t l = 0; l < linears.size(); ++l) {
        const LinearWeights& w = *linears[l].weights;
        numel += w.inFeatures * ((w.outFeatures + 31) / 32 * 32);
        const PreparedHessian& h = ref.hessians.at(plan.sourceOf.at(linears[l].key));
        for (const QParams& qp : table.perLinear[l]) {
            ctx.checkCancel();
            QuantizedLinear q = quantizeLinear(backend, w.weight.data(), w.outFeatures, w.inFeatures,
                                               w.bias.empty() ? nullptr : w.bias.data(), h, qp, qo, &ws);
            ctx.log(printf2(" -- %-50s %-50s %2.2f bpw", linears[l].key, qp.desc(), q.bpw));
            Variant v;
            v.weights.outFeatures = w.outFeatures;
            v.weights.inFeatures = w.inFeatures;
            v.weights.weight = std::move(q.dequantized);
            v.weights.bias = w.bias;
            v.totalBits = q.totalBits;
            v.qp = qp;
            variants[l].push_back(std::move(v));
        }
    }
    ojson records = ojson::array();
    double best = 0;
    for (const std::vector<int>& row : table.rows) {
        ctx.checkCancel();
        WeightOverrides overrides;
        int64_t totalBits = 0;
        ojson record;
        for (size_t l = 0; l < linears.size(); ++l) {
            const Variant& v = variants[l].at(size_t(row[l]));
            overrides.linears[linears[l].key] = v.weights;
            totalBits += v.totalBits;
        }
        HiddenStates out = input;
        forwardRows(tm, backend, m, out, &overrides);
        const double accuracy = std::max(1e-6, 1.0 - meanRelativeError(out, ref.output));
        best = std::max(best, accuracy);
        record["accuracy"] = accuracy;
        record["total_bits"] = totalBits;
        for (size_t l = 0; l < linears.size(); ++l)
            record[linearShortName(linears[l].key)] = qparamsToOrderedJson(variants[l][size_t(row[l])].qp);
        records.push_back(record);
        const double bpw = double(totalBits) / double(numel);
        char line[96];
        std::snprintf(line, sizeof line, " -- %1.4f bpw  accuracy: %1.8f", bpw, accuracy);
        ctx.log(line);
        report.optionBpw.push_back(bpw);
        report.optionAccuracy.push_back(accuracy);
    }
    if (best < 0.1)
        throw Error(ErrorCode::Numerical, "Measurement/inference error (1): best accuracy of " + m.key + " is " +
                                              std::to_string(best) + ", expected at least 0.1");
    return records;
}

void writeMeasurementFiles(JobContext& ctx)
{
    const Measurement m = jobMeasurement(ctx);
    std::vector<fs::path> targets{ctx.outDir() / "measurement.json"};
    if (!ctx.settings().outputMeasurement.empty())
        targets.emplace_back(ctx.settings().outputMeasurement);
    for (const fs::path& p : targets) {
        ctx.log(" -- Writing " + p.string());
        if (p.has_parent_path())
            fs::create_directories(p.parent_path());
        writeMeasurement(ctx.work().own(p), m);
    }
}

}  // namespace

void stageMeasure(JobContext& ctx, SourceModel& model)
{
    const std::vector<ModuleRef>& modules = model.modules();
    if (ctx.job().measurement.is_null())
        ctx.job().measurement = ojson::object();
    const int first = ctx.job().lastModuleIdx + 1;
    if (first > 1 && first < int(modules.size()))
        ctx.log(" -- Resuming from layer: " + modules[size_t(first - 1)].moduleKey + " (" +
                moduleDisplayName(modules[size_t(first - 1)]) + ")");
    HiddenStates states = loadCheckpointStates(ctx);
    ctx.beginSteps(JobStage::MeasureQuant, first - 1, int(modules.size()) - 1);
    for (int index = first; index < int(modules.size()); ++index) {
        ctx.checkCancel();
        const ModuleRef& m = modules[size_t(index)];
        const auto start = std::chrono::steady_clock::now();
        const std::string key = measuredKey(m);
        if (m.kind == ModuleKind::Attention || m.kind == ModuleKind::Mlp || m.kind == ModuleKind::Moe) {
            ctx.log(" -- Layer: " + m.moduleKey + " (" + moduleDisplayName(m) + ")");
            const HessianPlan plan = hessianPlan(m, model.transformer().linears(m));
            ReferencePass ref = referencePass(model.transformer(), model.backend(), m, states, plan, ctx.hooks().log);
            ModuleMeasured report;
            report.moduleIndex = index;
            report.moduleCount = int(modules.size());
            report.key = key;
            ojson records = measureModule(ctx, model, m, states, ref, plan, report);
            model.transformer().release(m);
            states = std::move(ref.output);  // advance through the unquantized module (reference 4.2 step 10)
            char line[128];
            std::snprintf(line, sizeof line, " -- Measured: %s (%s), %.2f seconds, step %d/%zu", m.moduleKey.c_str(),
                          moduleDisplayName(m).c_str(),
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), index,
                          modules.size());
            ctx.log(line);
            char tag[32];
            std::snprintf(tag, sizeof tag, "m_%04d", index);
            commitStates(ctx, states, tag, [&](JobRecord& job) {
                job.measurement[key] = records;
                job.lastModuleIdx = index;
            });
            if (ctx.hooks().moduleMeasured)
                ctx.hooks().moduleMeasured(report);
        } else {
            // Final norm and head are not measured (reference 4.9): null entries, states unchanged.
            ctx.job().measurement[key] = nullptr;
            ctx.job().lastModuleIdx = index;
            ctx.save();
        }
        ctx.stepDone();
    }
    writeMeasurementFiles(ctx);
}

}  // namespace exl2
