// quant (reference section 6): every decoder module quantized with the strategy's options, packed to
// out_tensor/<key>.safetensors (self-checked), states advanced through the QUANTIZED module; then the
// head with -hb and the "calibration perplexity (quant)" on the first rows.
#include "io/safetensors_writer.h"
#include "pipeline/array_file.h"
#include "pipeline/module_runner.h"
#include "pipeline/stages.h"
#include "pipeline/states_checkpoint.h"
#include "quant/gptq.h"
#include "util/error.h"

#include <cmath>
#include <cstdio>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

std::string fmtLine(const char* f, double v)
{
    char buf[512];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

void writePacked(JobContext& ctx, const std::string& key, const Exl2Tensors& packed)
{
    SafetensorsWriter w;
    w.setMetadata({});
    for (const Exl2Tensor& t : packed.tensors)
        w.add(key + "." + t.suffix, t.dtype, t.shape, t.bytes);
    fs::create_directories(ctx.outDir() / "out_tensor");
    w.write(ctx.work().own(ctx.outDir() / "out_tensor" / (key + ".safetensors")));
}

// Quantizes one linear with `qp`, writes its packed tensors, returns the dequantized weights.
LinearWeights quantizeOne(JobContext& ctx, SourceModel& model, const NamedLinear& lin, const PreparedHessian& h,
                          const QParams& qp, GptqWorkspace& ws, int64_t& totalBits, int64_t& numel,
                          bool roundToNearest = false)
{
    const LinearWeights& w = *lin.weights;
    QuantizeOptions qo;
    qo.roundToNearest = roundToNearest;
    qo.selfCheck = !roundToNearest;  // reference 6.2 step 5d-f: packed vs computed weights (not for RTN)
    qo.log = [&](const std::string& line) { ctx.log(" !! " + line); };
    QuantizedLinear q = quantizeLinear(model.backend(), w.weight.data(), w.outFeatures, w.inFeatures,
                                       w.bias.empty() ? nullptr : w.bias.data(), h, qp, qo, &ws);
    char line[256];
    std::snprintf(line, sizeof line, " -- Linear: %s -> %s, %.2f bpw", lin.key.c_str(), qp.desc().c_str(), q.bpw);
    ctx.log(line);
    if (q.selfCheckMaxDiff > 0.01)
        ctx.log(fmtLine(" !! Warning, difference of (%.6f, 0.000000) between unpacked and dequantized matrices",
                        q.selfCheckMaxDiff));
    writePacked(ctx, lin.key, q.packed);
    totalBits += q.totalBits;
    numel += w.inFeatures * ((w.outFeatures + 31) / 32 * 32) + int64_t(w.bias.size());
    LinearWeights out;
    out.outFeatures = w.outFeatures;
    out.inFeatures = w.inFeatures;
    out.weight = std::move(q.dequantized);
    out.bias = w.bias;
    return out;
}

// Perplexity of the first `rows` rows: logits of the quantized head on the quantized-path states.
double calibrationPerplexity(JobContext& ctx, SourceModel& model, const ModuleRef& head, const HiddenStates& states,
                             const WeightOverrides& overrides, int rows)
{
    const IntArray ids = readIntArrayFile(ctx.outDir() / ctx.job().calFilename);
    const int64_t length = states.length, vocab = model.config().vocabSize;
    double nll = 0;
    int64_t count = 0;
    for (int64_t r = 0; r < rows && r < states.rows; ++r) {
        ctx.checkCancel();
        HiddenStates row(1, length, states.width);
        row.data.assign(states.row(r), states.row(r) + length * states.width);
        model.transformer().forwardModule(model.backend(), head, row, &overrides);
        for (int64_t t = 0; t + 1 < length; ++t) {
            const float* logits = row.token(0, t);
            double mx = -INFINITY;
            for (int64_t v = 0; v < vocab; ++v)
                mx = std::max(mx, double(logits[v]));
            double sum = 0;
            for (int64_t v = 0; v < vocab; ++v)
                sum += std::exp(double(logits[v]) - mx);
            int64_t target = ids.data[size_t(r * length + t + 1)];
            if (target < 0 || target >= vocab)
                target = 0;
            nll -= double(logits[target]) - mx - std::log(sum);
            ++count;
        }
    }
    return count ? std::exp(nll / double(count)) : 0.0;
}

}  // namespace

void stageQuantize(JobContext& ctx, SourceModel& model)
{
    const std::vector<ModuleRef>& modules = model.modules();
    TransformerModel& tm = model.transformer();
    const int first = ctx.job().qLastModuleIdx + 1;
    HiddenStates states = loadCheckpointStates(ctx);
    GptqWorkspace ws;
    ctx.beginSteps(JobStage::Quant, first - 1, int(modules.size()) - 1);
    for (int index = first; index < int(modules.size()); ++index) {
        ctx.checkCancel();
        const ModuleRef& m = modules[size_t(index)];
        ctx.log(" -- Layer: " + m.moduleKey + " (" + moduleDisplayName(m) + ")");
        const std::vector<NamedLinear> linears = tm.linears(m);
        const HessianPlan plan = hessianPlan(m, linears);
        char tag[32];
        std::snprintf(tag, sizeof tag, "q_%04d", index);
        if (m.kind == ModuleKind::FinalNorm) {
            forwardRows(tm, model.backend(), m, states);
            commitStates(ctx, states, tag, [&](JobRecord& job) { job.qLastModuleIdx = index; });
            ctx.stepDone();
            continue;
        }
        WeightOverrides overrides;
        int64_t totalBits = 0, numel = 0;
        if (m.kind == ModuleKind::Head) {
            // The head's input is the final-norm output itself: its Hessian needs no forward pass.
            HessianAccumulator acc(states.width);
            for (int64_t r = 0; r < states.rows; ++r)
                acc.addBatch(model.backend(), states.row(r), states.length);
            const LinearWeights& hw = *linears[0].weights;
            const bool rtn = headUsesRoundToNearest(linears[0].key, hw.inFeatures, (hw.outFeatures + 31) / 32 * 32);
            const PreparedHessian h =
                prepareHessian(model.backend(), acc.averaged(), acc.k(), linears[0].key, ctx.hooks().log, !rtn);
            const QParams& qp = qparamsHead(ctx.settings().headBits);
            overrides.linears[linears[0].key] =
                quantizeOne(ctx, model, linears[0], h, qp, ws, totalBits, numel, rtn);
            const int rows = std::min(ctx.settings().measurementRows, ctx.job().datasetRowsUsed);
            const double ppl = calibrationPerplexity(ctx, model, m, states, overrides, std::max(1, rows));
            ctx.log(fmtLine(" -- Module quantized, calibration perplexity (quant): %.4f", ppl));
            const double vocab = double(model.config().vocabSize);
            if (ppl >= 1000 && ppl >= 0.5 * vocab)
                ctx.log(fmtLine(" !! Warning: calibration perplexity (quant) is near or above the vocabulary size (%.0f): the "
                                "model predicts no better than chance. Expected for an untrained or synthetic model "
                                "such as the demo; for a trained model the quantization failed catastrophically.",
                                vocab));
            else if (ppl >= 1000)
                ctx.log(" ## Quantization failed catastrophically: calibration perplexity (quant) in the thousands");
            else if (ppl >= 30)
                ctx.log(" !! Warning: calibration perplexity (quant) of 30 or more suggests the quantization went badly");
            if (ctx.hooks().calibrationPerplexity)
                ctx.hooks().calibrationPerplexity(ppl);
            ctx.job().calibrationPerplexity = ppl;
            tm.release(m);
            ctx.job().qLastModuleIdx = index;
            ctx.save();
            ctx.stepDone();
            continue;
        }
        ReferencePass ref = referencePass(tm, model.backend(), m, states, plan, ctx.hooks().log);
        if (!ctx.job().strategy.contains(measuredKey(m)))
            throw Error(ErrorCode::Format, (ctx.outDir() / "job.json").string() + ": field \"strategy\" has no entry for " +
                                               measuredKey(m));
        const nlohmann::ordered_json& record = ctx.job().strategy.at(measuredKey(m));
        for (const NamedLinear& lin : linears) {
            ctx.checkCancel();
            const std::string name = linearShortName(lin.key);
            if (!record.contains(name))
                throw Error(ErrorCode::Format, (ctx.outDir() / "job.json").string() + ": strategy." + measuredKey(m) +
                                                   " has no entry \"" + name + "\"");
            const QParams qp = QParams::fromJson(nlohmann::json::parse(record.at(name).dump()),
                                                 "strategy." + measuredKey(m) + "." + name);
            overrides.linears[lin.key] =
                quantizeOne(ctx, model, lin, ref.hessians.at(plan.sourceOf.at(lin.key)), qp, ws, totalBits, numel);
        }
        forwardRows(tm, model.backend(), m, states, &overrides);  // advance through the quantized module
        const double err = meanRelativeError(states, ref.output);
        ctx.log(fmtLine(" -- Module quantized, rfn_error: %1.6f", err));
        tm.release(m);
        commitStates(ctx, states, tag, [&](JobRecord& job) { job.qLastModuleIdx = index; });
        if (ctx.hooks().moduleQuantized) {
            ModuleQuantized q;
            q.moduleIndex = index;
            q.moduleCount = int(modules.size());
            q.key = measuredKey(m);
            q.bpw = numel ? double(totalBits) / double(numel) : 0.0;
            q.error = err;
            ctx.hooks().moduleQuantized(q);
        }
        ctx.stepDone();
    }
}

}  // namespace exl2
