// Reads one module's tensors from a TensorSource into the forward pass's weight structs, checking every
// shape against the config (a wrong one is a Model error naming the tensor) and splitting fused tensors.
// A NaN/Inf weight (or one beyond fp16 range) is a Numerical error naming the tensor, its layer and element.
#pragma once

#include "forward/module_weights.h"
#include "forward/tensor_source.h"
#include "model/model_config.h"

#include <string>
#include <vector>

namespace exl2 {

class WeightLoader {
public:
    WeightLoader(const ModelConfig& config, const TensorSource& source, bool keepFp32)
        : m_config(config), m_source(source), m_keepFp32(keepFp32) {}

    // "<key>.weight" as a vector of `size` values; empty key gives an empty vector.
    std::vector<float> vector(const std::string& key, int64_t size) const;
    // "<key>.weight" (+ "<key>.bias" when present) as outFeatures × inFeatures.
    LinearWeights linear(const std::string& key, int64_t outFeatures, int64_t inFeatures) const;
    // The embedding table (vocab × hidden), or the head (lm_head, else the tied embedding).
    LinearWeights embedding() const;
    LinearWeights head() const;

    AttentionWeights attention(int64_t layer) const;
    MlpWeights mlp(int64_t layer) const;
    MoeWeights moe(int64_t layer) const;

private:
    std::vector<float> tensor(const std::string& name, std::vector<int64_t>& shape) const;

    const ModelConfig& m_config;
    const TensorSource& m_source;
    bool m_keepFp32;
};

}  // namespace exl2
