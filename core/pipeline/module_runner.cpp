#include "pipeline/module_runner.h"

#include "util/error.h"

#include <cmath>
#include <cstring>

namespace exl2 {

HessianPlan hessianPlan(const ModuleRef& module, const std::vector<NamedLinear>& linears)
{
    HessianPlan plan;
    auto own = [&](const std::string& key) {
        plan.sources.push_back(key);
        plan.sourceOf[key] = key;
    };
    std::vector<std::string> keys;
    for (const NamedLinear& l : linears)
        keys.push_back(l.key);
    if (module.kind == ModuleKind::Attention && keys.size() == 4) {
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
        std::memcpy(states.row(r), row.data.data(), rowSize * sizeof(float));
    }
}

ReferencePass referencePass(TransformerModel& model, Backend& backend, const ModuleRef& module,
                            const HiddenStates& input, const HessianPlan& plan, const LogFn& log)
{
    std::map<std::string, HessianAccumulator> acc;
    ActivationObserver observer;
    observer.linearInput = [&](const std::string& key, const float* x, int64_t tokens, int64_t features) {
        if (plan.sourceOf.count(key) == 0 || plan.sourceOf.at(key) != key)
            return;
        auto it = acc.find(key);
        if (it == acc.end())
            it = acc.emplace(key, HessianAccumulator(features)).first;
        it->second.addBatch(backend, x, tokens);
    };
    ReferencePass pass;
    pass.output = input;
    forwardRows(model, backend, module, pass.output, nullptr, &observer);
    for (const std::string& key : plan.sources) {
        const auto it = acc.find(key);
        if (it == acc.end())
            throw Error(ErrorCode::Internal, key + ": the forward pass never showed this linear its input");
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
