#include "pipeline/module_runner.h"

#include "util/error.h"

#include <cmath>
#include <cstring>

namespace exl2 {

namespace {

// A NaN/Inf output would poison every later module, the Hessians and the error figures: stop at the
// first one, naming the module, the calibration row and the token.
void checkFinite(const ModuleRef& module, const HiddenStates& row, int64_t r, bool quantized)
{
    const size_t n = row.data.size();
    for (size_t i = 0; i < n; ++i) {
        if (std::isfinite(row.data[i]))
            continue;
        const int64_t token = int64_t(i) / row.width, feature = int64_t(i) % row.width;
        throw Error(ErrorCode::Numerical, module.key + ": output of calibration row " + std::to_string(r) + " is " +
                                              (std::isnan(row.data[i]) ? "NaN" : "infinite") + " at token " +
                                              std::to_string(token) + ", feature " + std::to_string(feature) +
                                              (quantized ? " (with quantized weights)" : " (original weights)") +
                                              "; expected finite activations: check the model's weights in this layer "
                                              "and the calibration data");
    }
}

}  // namespace

HessianPlan hessianPlan(const ModuleRef& module, const std::vector<NamedLinear>& linears)
{
    HessianPlan plan;
    auto own = [&](const std::string& key) {
        plan.sources.push_back(key);
        plan.sourceOf[key] = key;
    };
    std::vector<std::string> keys;
    for (const NamedLinear& l : linears) {
        keys.push_back(l.key);
        plan.features[l.key] = l.weights->inFeatures;
    }
    if (module.kind == ModuleKind::Moe && !keys.empty() && keys.size() % 3 == 0) {
        plan.moe = true;
        own(keys[0]);  // experts.0.w1: every expert's w1 and w3 read the same normalised input
        for (size_t i = 0; i < keys.size(); ++i)
            if (i % 3 == 2)
                own(keys[i]);
            else
                plan.sourceOf[keys[i]] = keys[0];
    } else if (module.kind == ModuleKind::Attention && keys.size() == 4) {
        own(keys[0]);
        plan.sourceOf[keys[1]] = keys[0];
        plan.sourceOf[keys[2]] = keys[0];
        own(keys[3]);
    } else if (module.kind == ModuleKind::Mlp && keys.size() == 3) {
        own(keys[1]);  // up; gate reads the same input
        plan.sourceOf[keys[0]] = keys[1];
        own(keys[2]);
    } else {
        for (const std::string& k : keys)
            own(k);
    }
    return plan;
}

void forwardRows(TransformerModel& model, Backend& backend, const ModuleRef& module, HiddenStates& states,
                 const WeightOverrides* overrides, const ActivationObserver* observer)
{
    HiddenStates row(1, states.length, states.width);
    const size_t rowSize = size_t(states.length * states.width);
    for (int64_t r = 0; r < states.rows; ++r) {
        row.width = states.width;
        row.data.assign(states.row(r), states.row(r) + rowSize);
        model.forwardModule(backend, module, row, overrides, observer);
        if (row.width != states.width || row.length != states.length)
            throw Error(ErrorCode::Internal, module.key + ": forwardRows only handles width-preserving modules");
        checkFinite(module, row, r, overrides != nullptr);
        std::memcpy(states.row(r), row.data.data(), rowSize * sizeof(float));
    }
}

ReferencePass referencePass(TransformerModel& model, Backend& backend, const ModuleRef& module,
                            const HiddenStates& input, const HessianPlan& plan, const LogFn& log)
{
    std::map<std::string, HessianAccumulator> acc;
    std::map<std::string, int64_t> calibratedRows;  // MoE w2: rows that routed at least 10% of their tokens to it
    ActivationObserver observer;
    observer.linearInput = [&](const std::string& key, const float* x, int64_t tokens, int64_t features) {
        if (plan.sourceOf.count(key) == 0 || plan.sourceOf.at(key) != key)
            return;
        if (plan.moe && key != plan.sources.front() && tokens * 10 >= input.length)
            ++calibratedRows[key];
        auto it = acc.find(key);
        if (it == acc.end())
            it = acc.emplace(key, HessianAccumulator(features)).first;
        it->second.addBatch(backend, x, tokens);
    };
    ReferencePass pass;
    pass.output = input;
    forwardRows(model, backend, module, pass.output, nullptr, &observer);
    for (size_t i = 0; i < plan.sources.size(); ++i) {
        const std::string& key = plan.sources[i];
        auto it = acc.find(key);
        if (it == acc.end() && plan.moe && i > 0)  // an expert no token reached: H = I (reference 4.3)
            it = acc.emplace(key, HessianAccumulator(plan.features.at(key))).first;
        if (it == acc.end())
            throw Error(ErrorCode::Internal, key + ": the forward pass never showed this linear its input");
        if (plan.moe && i > 0) {
            const int64_t uncalibrated = input.rows - calibratedRows[key];
            if (uncalibrated * 5 > input.rows && log)
                log(" !! Warning: w2." + std::to_string(i - 1) + " has less than 10% calibration for " +
                    std::to_string(uncalibrated) + "/" + std::to_string(input.rows) + " rows");
        }
        pass.hessians.emplace(key, prepareHessian(backend, it->second.averaged(), it->second.k(), key, log));
    }
    return pass;
}

double meanRelativeError(const HiddenStates& a, const HiddenStates& b)
{
    double sum = 0;
    const int64_t n = a.length * a.width;
    for (int64_t r = 0; r < a.rows; ++r) {
        const float* x = a.row(r);
        const float* y = b.row(r);
        double num = 0, den = 0;
        for (int64_t i = 0; i < n; ++i) {
            const double d = double(x[i]) - double(y[i]);
            num += d * d;
            den += double(y[i]) * double(y[i]);
        }
        sum += den > 0 ? std::sqrt(num / den) : (num > 0 ? 1.0 : 0.0);
    }
    return a.rows > 0 ? sum / double(a.rows) : 0.0;
}

std::string linearShortName(const std::string& key) { return key.substr(key.rfind('.') + 1); }

}  // namespace exl2
