// The activations passed between modules: a batch of independent sequences (rows × length × hidden),
// float32, row-major. Each row is attended to on its own (causal, positions 0..length-1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace exl2 {

struct HiddenStates {
    int64_t rows = 0, length = 0, width = 0;  // width = hidden size (vocab size for logits)
    std::vector<float> data;                  // rows·length·width

    HiddenStates() = default;
    HiddenStates(int64_t r, int64_t l, int64_t w) : rows(r), length(l), width(w), data(size_t(r * l * w), 0.0f) {}

    int64_t tokens() const { return rows * length; }
    float* row(int64_t r) { return data.data() + r * length * width; }
    const float* row(int64_t r) const { return data.data() + r * length * width; }
    float* token(int64_t r, int64_t t) { return row(r) + t * width; }
    const float* token(int64_t r, int64_t t) const { return row(r) + t * width; }
};

}  // namespace exl2
