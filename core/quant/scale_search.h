// The adaptive per-group scale search of exllamav2's AdaptiveQuantizer.find_params (format spec §5):
// per-column 4-bit square-root scale codes under one group maximum, and one grid factor p* chosen by the
// 3.5-norm quantization error, then the fp16 "sanity" rounding that makes writer and reader agree.
#pragma once

#include <cstdint>
#include <vector>

namespace exl2 {

struct GroupScales {
    int bits = 0;
    std::vector<uint8_t> qscale; // n_c in 1..16 per column (stored as n_c - 1, §2.5)
    float qscaleMax = 0.0f;      // f32(σ·p*), stored as fp16 in q_scale_max (§2.6)
    std::vector<float> scale;    // s_c = S_{g,c} of §3 with prescale 1 (§5 step 8)
    int gridIndex = 0;           // i* of §5 step 6
};

// §5 steps 1-8 for `rows` rows of `n` columns (row stride `ld`), bits in {2,3,4,5,6,8}.
// `out` keeps its buffers between calls (no allocation once sized).
void findParams(const float* x, int64_t rows, int64_t n, int64_t ld, int bits, GroupScales& out);

// The grid factor p_i = min_p·(1 − i/96) + max_p·(i/96), i = 0..96 (§5 step 5).
double gridFactor(int index);

}  // namespace exl2
