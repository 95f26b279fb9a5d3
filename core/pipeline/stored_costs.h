// What the optimizer pays for, read from the model's tensors: each decoder module's weight count (the bpw
// denominator) and each measured option's bits as compile will store them. The optimize stage and the GUI
// inspector both use it, so an allocation in the inspector lands where the converter lands.
#pragma once

#include "io/safetensors.h"
#include "model/model_config.h"
#include "optimize/problem.h"

#include <cstdint>
#include <vector>

namespace exl2 {

// Weights (K x N, N padded to 32) of each module slot: attention for even slots, MLP or MoE experts for odd.
std::vector<uint64_t> moduleNumels(const ModelConfig& c, const SafetensorsReader& tensors);

// Sets every option record's totalBits to storedLinearBits of each of its linears (times the experts of an
// MoE module). A measurement naming a linear the model lacks is a Model error naming the module.
void applyStoredCosts(OptimizerProblem& p, const ModelConfig& c, const SafetensorsReader& tensors);

}  // namespace exl2
