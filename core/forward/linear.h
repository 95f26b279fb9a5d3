// One linear layer's weights as the forward pass uses them (out×in float, optional bias), and its
// application through Backend::gemm. The pipeline substitutes quantized-then-dequantized LinearWeights.
#pragma once

#include "backend/backend.h"

#include <cstdint>
#include <string>
#include <vector>

namespace exl2 {

struct LinearWeights {
    int64_t outFeatures = 0, inFeatures = 0;
    std::vector<float> weight;  // outFeatures × inFeatures, row-major (as stored in HF safetensors)
    std::vector<float> bias;    // outFeatures, or empty

    bool empty() const { return weight.empty(); }
    // Rows [begin, end) of this linear (fused qkv / gate_up splits), with the matching bias slice.
    LinearWeights sliceRows(int64_t begin, int64_t end) const;
};

// y (tokens × outFeatures) = x (tokens × inFeatures) · Wᵀ + bias.
void applyLinear(Backend& backend, const LinearWeights& w, const float* x, int64_t tokens, float* y);

// Throws Model error naming `key` unless w is outFeatures × inFeatures as expected.
void checkLinearShape(const LinearWeights& w, const std::string& key, int64_t outFeatures, int64_t inFeatures);

}  // namespace exl2
