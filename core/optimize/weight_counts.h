// How many weights each decoder module holds, which sets the bit budget (target bpw x weights).
// The caller can pass counts from the model; otherwise they are recovered exactly from a
// measurement, because every option's total_bits follows the reference cost formula of the shapes.
#pragma once

#include "optimize/measurement.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace exl2 {

// The reference cost of one linear (exllamav2 qparams total_bits): weights, scales, group metadata and
// the act-order permutation. `n` is the output width including 32-padding; biasLength 0 = no bias.
uint64_t linearTotalBits(int64_t k, int64_t n, const MeasuredQParams& qp, int64_t biasLength = 0);

// Weights (K x padded N summed over linears, and experts) of a module whose options are `options`.
// Tries two exact methods: two options that differ only by a constant number of bits per weight in every
// linear ((T_b - T_a) / d), and for MLP / MoE records a search for hidden/intermediate sizes (and expert
// count) that reproduces every option's total_bits. Returns nullopt when neither determines it.
std::optional<uint64_t> deriveModuleNumel(const std::vector<OptionRecord>& options, MeasuredKind kind);

}  // namespace exl2
