// Running one module over the calibration rows the way the reference converter does: one row at a
// time, feeding the GPTQ Hessians of the module's linears (shared by q/k/v and gate/up) and measuring
// the relative Frobenius error of an output against a reference output.
#pragma once

#include "forward/transformer_model.h"
#include "quant/hessian.h"

#include <map>
#include <string>
#include <vector>

namespace exl2 {

// Which linears accumulate their own Hessian ("source") and which reuse another's. MoE (reference 4.3):
// every expert's w1/w3 reuse expert 0's w1 (all tokens), each w2 owns one from the tokens routed to it.
struct HessianPlan {
    std::vector<std::string> sources;              // linear keys that own an accumulator
    std::map<std::string, std::string> sourceOf;   // every linear key -> its source key
    std::map<std::string, int64_t> features;       // input features of every linear
    bool moe = false;
};
HessianPlan hessianPlan(const ModuleRef& module, const std::vector<NamedLinear>& linears);

// Runs `module` over every row of `states` in place (one row per forward call). A NaN/Inf in an output
// throws Error(Numerical) naming the module, the row, the token and the feature.
void forwardRows(TransformerModel& model, Backend& backend, const ModuleRef& module, HiddenStates& states,
                 const WeightOverrides* overrides = nullptr, const ActivationObserver* observer = nullptr);

// Reference pass: returns the module's outputs for `input` and the prepared Hessian of every source linear.
// An MoE expert that no token reached gets H = I; one that got under 10% of a row's tokens in more than
// 20% of the rows is warned about (reference 4.11).
struct ReferencePass {
    HiddenStates output;
    std::map<std::string, PreparedHessian> hessians;  // by source key
};
ReferencePass referencePass(TransformerModel& model, Backend& backend, const ModuleRef& module,
                            const HiddenStates& input, const HessianPlan& plan, const LogFn& log);

// mean over rows of ‖a_r − b_r‖_F / ‖b_r‖_F (reference 4.7), in double.
double meanRelativeError(const HiddenStates& a, const HiddenStates& b);

// The last component of a linear key ("q_proj" of "model.layers.0.self_attn.q_proj").
std::string linearShortName(const std::string& key);

}  // namespace exl2
