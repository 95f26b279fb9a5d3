// The EXL2 reader: stored tensors of one quantized linear layer back to float weights, written from format
// spec §3 alone (it does not use the writer's schedule code), with the loader's shape checks of §1.
#pragma once

#include "quant/exl2_tensors.h"

#include <cstdint>
#include <string>
#include <vector>

namespace exl2 {

struct DequantizedExl2 {
    int64_t k = 0;                // input features (= q_invperm length)
    int64_t nPadded = 0;          // stored output columns N_p
    std::vector<float> weight;    // HF layout [N_p out][K in], every value an fp16 value (§3 steps 5-6)
    std::vector<int32_t> perm;    // argsort(q_invperm): stored row k holds input perm[k] (§2.9)
    std::vector<int> groupBits;   // per group, for inspection
    std::vector<float> bias;      // [N_p] when the layer has one, else empty
};

// `context` names the layer in errors (Error(Format) naming the tensor and what was expected).
// `prescale` is the model's per-layer output scale (1 for most layers, §2.6).
DequantizedExl2 dequantizeExl2(const Exl2Tensors& tensors, const std::string& context = "EXL2 layer",
                               float prescale = 1.0f);

}  // namespace exl2
