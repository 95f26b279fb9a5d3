// Quantizing one linear layer to EXL2: block-wise GPTQ with per-group bit widths (format spec §6.3) or the
// round-to-nearest path (§6.5), on a PreparedHessian shared across layers and options (§6.4), then packing
// (§2) and the converter's self-check of the packed tensors against the computed weights (§6.6).
#pragma once

#include "backend/backend.h"
#include "quant/exl2_tensors.h"
#include "quant/hessian.h"
#include "quant/qparams.h"
#include "quant/scale_search.h"

#include <cstdint>
#include <string>
#include <vector>

namespace exl2 {

struct QuantizeOptions {
    bool roundToNearest = false; // §6.5: no error feedback (the PreparedHessian needs no factor)
    bool selfCheck = true;       // §6.6: dequantize the packed tensors and compare
    bool halfWeights = true;     // fp16-round the weights first, as exllamav2 loads them (§12 item 10)
    LogFn log;                   // self-check warnings
};

struct QuantizedLinear {
    Exl2Tensors packed;               // §1 tensors, key suffixes only
    std::vector<float> dequantized;   // [N out][K in] like the HF weight (unpadded), fp16 values
    int64_t totalBits = 0;            // QParams::totalBits for [K, N_p] (+ bias)
    double bpw = 0.0;
    double selfCheckMaxDiff = 0.0;    // diff1 of §6.6 (0 unless the packer and reader disagree)
    double scaleSearchSeconds = 0.0;  // time in find_params, for the benchmark
    std::vector<int> gridIndex;       // i* per group (§5 step 6)
};

// Big buffers kept between calls: pass the same workspace for every layer and option to avoid
// re-allocating (first-touch of fresh memory is slow, toolchain.md §11).
struct GptqWorkspace {
    std::vector<float> w, qd, err, ublock;
    std::vector<uint8_t> codes;
    GroupScales scales;
};

// weight: HF layout [n out][k in], float (it is fp16-rounded first, §12 item 10); bias: n values or null.
// Output columns are zero-padded to N_p = ceil32(n) (§2.1). Throws Error(InvalidArgument) for mismatched
// sizes, Error(Numerical) naming the layer for non-finite weights or a failed self-check (diff1 > 0.05).
QuantizedLinear quantizeLinear(Backend& backend, const float* weight, int64_t n, int64_t k, const float* bias,
                               const PreparedHessian& hessian, const QParams& qp, const QuantizeOptions& options = {},
                               GptqWorkspace* workspace = nullptr);

// §6.5: the head takes the RTN path when its key is exactly "lm_head" and K·N_p > 1e9.
bool headUsesRoundToNearest(const std::string& key, int64_t k, int64_t nPadded);

}  // namespace exl2
