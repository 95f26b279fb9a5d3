// The weights of one module of the transformer as the forward pass holds them (float32 values, fp16-rounded
// unless asked otherwise), and the hooks a module run takes: replacement linears and input observers.
#pragma once

#include "forward/linear.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace exl2 {

// A linear of a module with its full key ("model.layers.3.self_attn.q_proj"; fused Phi3 splits get the
// q_proj/k_proj/v_proj/gate_proj/up_proj names; MoE experts "...block_sparse_moe.experts.2.w1").
struct NamedLinear {
    std::string key;
    const LinearWeights* weights = nullptr;
};

struct AttentionWeights {
    std::vector<float> norm, postNorm, qNorm, kNorm;  // empty when absent
    LinearWeights q, k, v, o;
    std::string qKey, kKey, vKey, oKey;
};

struct MlpWeights {
    std::vector<float> norm, postNorm;
    LinearWeights gate, up, down;  // gate empty for ungated MLPs
    std::string gateKey, upKey, downKey;
};

struct MoeWeights {
    std::vector<float> norm, postNorm;
    LinearWeights router;
    std::string routerKey;
    std::vector<LinearWeights> gate, up, down;  // one per expert
    std::vector<std::string> gateKeys, upKeys, downKeys;
};

// Linears to use instead of the module's own, by key (quantized-then-dequantized weights).
struct WeightOverrides {
    std::map<std::string, LinearWeights> linears;
    const LinearWeights& pick(const std::string& key, const LinearWeights& own) const
    {
        const auto it = linears.find(key);
        return it == linears.end() ? own : it->second;
    }
};

// Receives the input activations of each linear (tokens × inFeatures) right before it is applied, for
// Hessian accumulation. q/k/v see the same pointer (the attention pre-norm output), gate/up the MLP
// pre-norm output, o_proj the attention output, down_proj the activated product. MoE: every expert's
// w1/w3 see all tokens (as exllamav2 accumulates them), each w2 only the tokens routed to it.
struct ActivationObserver {
    std::function<void(const std::string& linearKey, const float* x, int64_t tokens, int64_t features)> linearInput;
};

struct ModuleHooks {
    const WeightOverrides* overrides = nullptr;
    const ActivationObserver* observer = nullptr;

    const LinearWeights& pick(const std::string& key, const LinearWeights& own) const
    {
        return overrides ? overrides->pick(key, own) : own;
    }
    void observe(const std::string& key, const float* x, int64_t tokens, int64_t features) const
    {
        if (observer && observer->linearInput)
            observer->linearInput(key, x, tokens, features);
    }
};

}  // namespace exl2
