// Kernels of the GPTQ layer op: the adaptive scale search of one group (format spec §5) and the
// column-parallel coding with in-group error feedback (§6.3 step 2). Written to follow core/quant's
// findParams and quantizeGroupColumns operation by operation, so that results match bit for bit.
#pragma once

#include <cstdint>
#include <cuda_runtime.h>

namespace exl2::cuda {

inline constexpr int kGridPoints = 97; // p_i for i = 0..96 (§5 step 5)

// Device scratch of one group's scale search.
struct ScaleSearchBuffers {
    float* beta;       // [np] per-column β_c, then s̃_c
    float* sigma;      // [1]
    float* acc;        // [kGridPoints][np] per-column error sums
    float* scale;      // [np] final s_c
    uint8_t* qscale;   // [np] n_c, written into the layer's qscale row of this group
    float* qscaleMax;  // [1] this group's slot
    int32_t* gridIndex; // [1] this group's slot
};

// §5 steps 1-8 on rows×np weights (row stride np) at `bits`.
void launchScaleSearch(const float* w, int64_t rows, int64_t np, int bits, const ScaleSearchBuffers& b,
                       cudaStream_t stream);

// §6.3 step 2 for one group: codes, fp16 dequantized values and (u != nullptr) the errors
// err[lr][c] = (w − qd)/U[row][row] fed into the group's later rows. w, qd, codes are the whole layer.
void launchQuantizeGroup(float* w, float* qd, uint8_t* codes, float* err, const float* u, int64_t k, int64_t np,
                         int64_t firstRow, int64_t rows, int bits, const float* scale, cudaStream_t stream);

}  // namespace exl2::cuda
