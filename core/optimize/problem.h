// The optimizer's input: one slot per decoder module (attention, then MLP, per layer), each with its
// measured options as (cost in bits, error = 1 - accuracy), plus the weight counts that set the budget.
#pragma once

#include "optimize/measurement.h"

#include <cstdint>
#include <string>
#include <vector>

namespace exl2 {

struct OptimizerSlot {
    std::string key;                    // strategy key: "model.layers.3.self_attn" / ".mlp" / ".block_sparse_moe"
    std::vector<OptionRecord> records;  // measurement records, in measurement order
    uint64_t numel = 0;                 // weights of this module (K x padded N over its linears)

    uint64_t cost(size_t option) const { return records[option].totalBits; }
    double error(size_t option) const { return 1.0 - records[option].accuracy; }
};

struct OptimizerProblem {
    std::vector<OptimizerSlot> moduleSlots;
    uint64_t numel() const;                   // all decoder weights
    uint64_t budget(double targetBpw) const;  // int(numel x bits), as the reference computes it
    double minBpw() const;                    // cheapest option everywhere
    double maxBpw() const;                    // most expensive option everywhere
};

// Slots in measurement order. A parallel_decoder entry gives two slots (".self_attn", ".mlp").
// `slotNumel` (one per slot) comes from the model; empty = recover each from the measurement
// (weight_counts.h), which throws Error(InvalidArgument) naming the module when that is not possible.
OptimizerProblem buildProblem(const Measurement& m, const std::vector<uint64_t>& slotNumel = {});

}  // namespace exl2
