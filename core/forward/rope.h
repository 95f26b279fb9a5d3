// Rotary position embeddings: inverse frequencies for every scaling type a config may carry (linear,
// dynamic NTK, yarn, llama3, longrope) as transformers' rope init functions compute them, the converter's
// -rs/-ra overrides, the cos/sin tables and their application (NeoX half-split or GPT-J interleaved).
#pragma once

#include "backend/backend.h"
#include "model/model_config.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace exl2 {

// The converter's user overrides (exl2-pipeline.md 8.3): -rs divides positions, -ra multiplies the
// base by alpha^(d/(d-2)) with d the rotary dims. Neither is recorded in the output.
struct RopeOverrides {
    std::optional<double> scale;  // -rs
    std::optional<double> alpha;  // -ra
};

struct RopeFrequencies {
    std::vector<float> invFreq;     // rotaryDims/2 values, float32 as transformers holds them
    double attentionScaling = 1.0;  // multiplies cos and sin (yarn, longrope)
    double positionScale = 1.0;     // positions are divided by this (-rs)
};

// inv_freq for sequences of `seqLength` tokens (dynamic NTK and longrope depend on it).
RopeFrequencies ropeFrequencies(const ModelConfig& config, int64_t seqLength, const RopeOverrides& overrides = {});

// base × alpha^(d/(d−2)): the -ra NTK alpha formula.
double ropeAlphaBase(double base, double alpha, int64_t rotaryDims);

class RopeTable {
public:
    RopeTable() = default;
    RopeTable(const ModelConfig& config, int64_t length, const RopeOverrides& overrides = {});

    int64_t length() const { return m_length; }
    int64_t halfDims() const { return m_half; }
    // cos/sin of position p, halfDims() values each (already multiplied by the attention scaling).
    const float* cos(int64_t p) const { return m_cos.data() + p * m_half; }
    const float* sin(int64_t p) const { return m_sin.data() + p * m_half; }

    // Rotates the first 2·halfDims() dims of one head vector (headDim floats) at position p.
    void apply(float* head, int64_t p) const;
    // Every head of `tokens` vectors of heads·headDim floats, token t at position t % length, through the
    // backend's RoPE op when it has one.
    void applyAll(Backend& backend, float* x, int64_t tokens, int64_t heads, int64_t headDim, int64_t length) const;

private:
    int64_t m_length = 0, m_half = 0;
    RopeStyle m_style = RopeStyle::NeoX;
    std::vector<float> m_cos, m_sin;
};

}  // namespace exl2
