// The decoder-layer modules, each run on a whole batch of hidden states in place, residual included:
// attention (pre-norm, q/k/v, head norms, RoPE, grouped-query causal attention with optional sliding
// window and soft-capping, o_proj, post-norm), dense gated MLP and the Mixtral-style MoE MLP.
#pragma once

#include "backend/backend.h"
#include "forward/hidden_states.h"
#include "forward/module_weights.h"
#include "forward/rope.h"
#include "model/model_config.h"

namespace exl2 {

// slidingWindow: 0 = full causal attention; else a query at position i sees keys j with i − j < window.
void attentionForward(Backend& backend, const ModelConfig& config, const AttentionWeights& w, const RopeTable& rope,
                      int64_t slidingWindow, HiddenStates& states, const ModuleHooks& hooks = {});

void mlpForward(Backend& backend, const ModelConfig& config, const MlpWeights& w, HiddenStates& states,
                const ModuleHooks& hooks = {});

// Router softmax over all experts, top-k, renormalised to sum 1 (as Mixtral does), Σ weight · expert(x).
void moeForward(Backend& backend, const ModelConfig& config, const MoeWeights& w, HiddenStates& states,
                const ModuleHooks& hooks = {});

// Per token, the chosen experts and their renormalised weights (expertsPerToken each); exposed for tests
// and for the pipeline's coverage bookkeeping.
struct Routing {
    std::vector<int32_t> experts;
    std::vector<float> weights;
};
Routing routeTokens(const float* routerLogits, int64_t tokens, int64_t numExperts, int64_t topK);
// The same through the backend's routing op when it has one.
Routing routeTokens(Backend& backend, const float* routerLogits, int64_t tokens, int64_t numExperts, int64_t topK);

// The attention core after RoPE (shapes in backend/backend_ops.h): the backend's op when it has one, else
// per row and head two backend GEMMs around the masked softmax.
void causalAttention(Backend& backend, const AttentionShape& shape, const float* q, const float* k, const float* v,
                     float* out);

}  // namespace exl2
