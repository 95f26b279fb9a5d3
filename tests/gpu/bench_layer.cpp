#include "bench_layer.h"

#include "pipeline/module_runner.h"
#include "quant/gptq.h"
#include "quant/qparams.h"
#include "util/error.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace exl2gpu {

namespace {

using exl2::HiddenStates;
using exl2::ModuleKind;
using exl2::ModuleRef;

// Runs f as one phase: its wall time and the backend ops it ran are added to `into`.
template <typename F>
auto phase(PhaseResult& into, TimedBackend& backend, F&& f)
{
    backend.reset();
    const auto start = std::chrono::steady_clock::now();
    auto result = f();
    into.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    into.stats += backend.stats();
    return result;
}

struct Variant {
    exl2::LinearWeights weights;
    int64_t totalBits = 0;
    exl2::QParams qp;
};

struct Measured {
    double best = 0;
    std::vector<exl2::QParams> chosen;  // per linear: the option row nearest 4.0 bpw
};

// The measurement of one module as stage_measure.cpp does it (dense modules: one table column per linear).
Measured measureModule(exl2::TransformerModel& tm, exl2::Backend& backend, const ModuleRef& m,
                       const HiddenStates& input, const exl2::ReferencePass& ref, const exl2::HessianPlan& plan,
                       LayerResult& result)
{
    const std::vector<exl2::NamedLinear> linears = tm.linears(m);
    const exl2::ReducedQParams table =
        exl2::getQParamsReduced(m.kind == ModuleKind::Attention ? exl2::qparamsAttn() : exl2::qparamsMlp());
    if (table.columns.size() != linears.size())
        throw exl2::Error(exl2::ErrorCode::Internal, m.key + ": " + std::to_string(linears.size()) +
                                                         " linears do not match the option table's columns");
    std::vector<std::vector<Variant>> variants(linears.size());
    exl2::GptqWorkspace ws;
    exl2::QuantizeOptions qo;
    qo.selfCheck = false;
    int64_t numel = 0;
    for (size_t l = 0; l < linears.size(); ++l) {
        const exl2::LinearWeights& w = *linears[l].weights;
        numel += w.inFeatures * ((w.outFeatures + 31) / 32 * 32);
        const exl2::PreparedHessian& h = ref.hessians.at(plan.sourceOf.at(linears[l].key));
        for (const exl2::QParams& qp : table.columns[l]) {
            exl2::QuantizedLinear q = exl2::quantizeLinear(backend, w.weight.data(), w.outFeatures, w.inFeatures,
                                                           nullptr, h, qp, qo, &ws);
            Variant v;
            v.weights.outFeatures = w.outFeatures;
            v.weights.inFeatures = w.inFeatures;
            v.weights.weight = std::move(q.dequantized);
            v.totalBits = q.totalBits;
            v.qp = qp;
            variants[l].push_back(std::move(v));
            ++result.optionsQuantized;
        }
    }
    Measured out;
    double nearest = INFINITY;
    for (const std::vector<int>& row : table.rowIndices) {
        exl2::WeightOverrides overrides;
        int64_t totalBits = 0;
        for (size_t l = 0; l < linears.size(); ++l) {
            const Variant& v = variants[l].at(size_t(row[l]));
            overrides.linears[linears[l].key] = v.weights;
            totalBits += v.totalBits;
        }
        HiddenStates scored = input;
        exl2::forwardRows(tm, backend, m, scored, &overrides);
        out.best = std::max(out.best, 1.0 - exl2::meanRelativeError(scored, ref.output));
        ++result.optionRows;
        const double bpw = double(totalBits) / double(numel);
        if (std::fabs(bpw - 4.0) < nearest) {
            nearest = std::fabs(bpw - 4.0);
            out.chosen.clear();
            for (size_t l = 0; l < linears.size(); ++l)
                out.chosen.push_back(variants[l][size_t(row[l])].qp);
        }
    }
    return out;
}

// The quant stage for one module: a new reference pass, the chosen option per linear with the self-check,
// the forward pass through the quantized module. Returns the relative error of its output.
double quantizeModule(exl2::TransformerModel& tm, exl2::Backend& backend, const ModuleRef& m, const HiddenStates& input,
                      const std::vector<exl2::QParams>& chosen, int64_t& totalBits, int64_t& numel,
                      const exl2::LogFn& log)
{
    const std::vector<exl2::NamedLinear> linears = tm.linears(m);
    const exl2::HessianPlan plan = exl2::hessianPlan(m, linears);
    const exl2::ReferencePass ref = exl2::referencePass(tm, backend, m, input, plan, log);
    exl2::GptqWorkspace ws;
    exl2::QuantizeOptions qo;
    qo.log = log;
    exl2::WeightOverrides overrides;
    for (size_t l = 0; l < linears.size(); ++l) {
        const exl2::LinearWeights& w = *linears[l].weights;
        exl2::QuantizedLinear q = exl2::quantizeLinear(backend, w.weight.data(), w.outFeatures, w.inFeatures, nullptr,
                                                       ref.hessians.at(plan.sourceOf.at(linears[l].key)), chosen[l],
                                                       qo, &ws);
        totalBits += q.totalBits;
        numel += w.inFeatures * ((w.outFeatures + 31) / 32 * 32);
        exl2::LinearWeights lw;
        lw.outFeatures = w.outFeatures;
        lw.inFeatures = w.inFeatures;
        lw.weight = std::move(q.dequantized);
        overrides.linears[linears[l].key] = std::move(lw);
    }
    HiddenStates out = input;
    exl2::forwardRows(tm, backend, m, out, &overrides);
    return exl2::meanRelativeError(out, ref.output);
}

}  // namespace

LayerResult benchLayer(exl2::TransformerModel& tm, TimedBackend& backend, int layer, HiddenStates& states,
                       const std::function<void(const std::string&)>& log)
{
    LayerResult r;
    int64_t totalBits = 0, numel = 0;
    double errorSum = 0;
    int module = 0;
    for (const ModuleRef& m : tm.modules()) {
        if (m.layer != layer || (m.kind != ModuleKind::Attention && m.kind != ModuleKind::Mlp))
            continue;
        const double before[3] = {r.forward.seconds, r.measurement.seconds, r.quantization.seconds};
        tm.linears(m);  // loads (generates) the weights now, outside the timed phases
        phase(r.forward, backend, [&] {
            HiddenStates copy = states;
            exl2::forwardRows(tm, backend, m, copy);
            return 0;
        });
        exl2::ReferencePass ref;
        const Measured measured = phase(r.measurement, backend, [&] {
            const exl2::HessianPlan plan = exl2::hessianPlan(m, tm.linears(m));
            ref = exl2::referencePass(tm, backend, m, states, plan, log);
            return measureModule(tm, backend, m, states, ref, plan, r);
        });
        r.bestAccuracy[module] = measured.best;
        errorSum += phase(r.quantization, backend, [&] {
            return quantizeModule(tm, backend, m, states, measured.chosen, totalBits, numel, log);
        });
        tm.release(m);
        states = std::move(ref.output);  // advance through the unquantized module, as measurement does
        char line[256];
        std::snprintf(line, sizeof line,
                      " -- %s: forward %.2f s, measurement %.2f s (best accuracy %.6f), quantization %.2f s",
                      m.key.c_str(), r.forward.seconds - before[0], r.measurement.seconds - before[1], measured.best,
                      r.quantization.seconds - before[2]);
        log(line);
        ++module;
    }
    if (module != 2)
        throw exl2::Error(exl2::ErrorCode::Internal, "layer " + std::to_string(layer) +
                                                         ": expected an attention and an MLP module, found " +
                                                         std::to_string(module));
    r.quantBpw = numel ? double(totalBits) / double(numel) : 0.0;
    r.quantError = errorSum / 2.0;
    return r;
}

}  // namespace exl2gpu
