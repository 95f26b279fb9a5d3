// Small element-wise kernels of the forward pass (float32, CPU): RMSNorm with the Gemma weight offset,
// gated activations, soft-capping, residual add. Matrix products are not here: they go through Backend::gemm.
#pragma once

#include "backend/backend.h"
#include "model/model_config.h"

#include <cstdint>
#include <vector>

namespace exl2 {

// y[t] = x[t] / sqrt(mean(x[t]²) + eps) · (w + offset), for `tokens` vectors of `dim` floats. x may equal y.
void rmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const std::vector<float>& w, double eps,
             double offset);

// gate[i] = act(gate[i]) · up[i] (SwiGLU / GeGLU).
void gatedActivation(MlpActivation act, float* gate, const float* up, int64_t count);

float activate(MlpActivation act, float x);

// x = cap · tanh(x / cap).
void softcap(float* x, int64_t count, double cap);

void addInPlace(float* dst, const float* src, int64_t count);

// The same ops through the backend's accelerated version when it has one, else the CPU code above.
void rmsNorm(Backend& backend, const float* x, float* y, int64_t tokens, int64_t dim, const std::vector<float>& w,
             double eps, double offset);
void gatedActivation(Backend& backend, MlpActivation act, float* gate, const float* up, int64_t count);

}  // namespace exl2
