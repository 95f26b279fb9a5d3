// The stored tensors of one EXL2-quantized linear layer (format spec §1): name suffix, safetensors dtype,
// shape and little-endian bytes, ready for the safetensors writer under "<module key>.<suffix>".
#pragma once

#include "io/safetensors.h"

#include <cstdint>
#include <string>
#include <vector>

namespace exl2 {

struct Exl2Tensor {
    std::string suffix; // "q_weight", "q_invperm", "q_scale", "q_scale_max", "q_groups", "bias"
    DType dtype = DType::I32;
    std::vector<int64_t> shape;
    std::vector<uint8_t> bytes;
};

struct Exl2Tensors {
    std::vector<Exl2Tensor> tensors;

    const Exl2Tensor* find(const std::string& suffix) const;
    // Throws Error(Model) naming `context` and the missing suffix.
    const Exl2Tensor& at(const std::string& suffix, const std::string& context) const;
    // "<key>.<suffix>" for every tensor, in the order of `tensors`.
    std::vector<std::string> names(const std::string& key) const;
};

}  // namespace exl2
