// Shapes and buffers of the Backend's layer-level ops (forward-pass kernels and the whole GPTQ pass of
// one linear layer), kept free of core/forward and core/quant types so that core/backend depends on util
// only. All pointers are host memory; a device backend copies in and out once per call.
#pragma once

#include <cstdint>

namespace exl2 {

// RoPE over `tokens` vectors of heads·headDim floats; token t sits at position t % length and the first
// 2·half dims of each head rotate with the table row of that position.
struct RopeShape {
    int64_t tokens = 0, heads = 0, headDim = 0, length = 0;
    int64_t half = 0;        // cos/sin table values per position
    int64_t tableLength = 0; // positions the tables hold (must be ≥ length)
    bool neox = true;        // NeoX half-split pairs (i, i+half), else GPT-J interleaved (2i, 2i+1)
};

// Causal grouped-query attention for `rows` sequences of `length` tokens: q is [rows·length][heads·headDim],
// k and v are [rows·length][kvHeads·headDim], out is like q. Scores are scale·q·k, optionally soft-capped
// (cap·tanh(s/cap)), masked to i − window < j ≤ i (window 0 = all j ≤ i), softmax, times v.
struct AttentionShape {
    int64_t rows = 0, length = 0, heads = 0, kvHeads = 0, headDim = 0;
    double scale = 1.0;
    int64_t window = 0;
    double softcap = 0.0; // 0 = none
};

// One quantization group of stored rows [firstRow, firstRow + rows) at `bits` bits.
struct QuantGroupSpec {
    int64_t firstRow = 0, rows = 0;
    int bits = 0;
};

// The GPTQ pass of one linear layer (format spec §5 and §6.3): for each group in order, the adaptive scale
// search on the current weights, then coding with error feedback inside the group and the block update of
// the later rows. Without a factor (u == nullptr) it is the round-to-nearest path (§6.5).
struct LayerQuantRequest {
    const float* w = nullptr;  // [k][np] stored-row order, fp16-rounded, columns ≥ n zero (not modified)
    int64_t k = 0, np = 0;
    const float* u = nullptr;  // [k][k] upper factor of the damped, permuted H⁻¹, or nullptr for RTN
    uint64_t factorId = 0;     // identifies u's contents: a device may keep u resident while it repeats (0: never)
    const QuantGroupSpec* groups = nullptr;
    int64_t groupCount = 0;    // consecutive groups covering rows 0..k
};

struct LayerQuantResult {
    uint8_t* codes = nullptr;     // [k][np] codes q in 0..2^bits−1
    float* qd = nullptr;          // [k][np] fp16-valued (q − z)·s
    uint8_t* qscale = nullptr;    // [groupCount][np] per-column scale codes n_c in 1..16
    float* qscaleMax = nullptr;   // [groupCount] f32(σ·p*)
    int32_t* gridIndex = nullptr; // [groupCount] i* of the error grid
};

}  // namespace exl2
