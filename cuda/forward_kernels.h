// Kernels of the forward-pass ops (RMSNorm, SwiGLU, RoPE, causal attention, MoE routing) on device
// buffers; one kernel per op, written to follow the CPU code in core/forward step by step.
#pragma once

#include "backend/backend_ops.h"

#include <cstdint>
#include <cuda_runtime.h>

namespace exl2::cuda {

// Limits of the kernels below; the backend falls back to the CPU outside them.
inline constexpr int64_t kMaxAttentionLength = 8192; // scores of one query row live in shared memory
inline constexpr int64_t kMaxExperts = 256;          // router probabilities live in registers/local memory

void launchRmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const float* w, double eps, double offset,
                   cudaStream_t stream);
void launchSwiglu(float* gate, const float* up, int64_t count, cudaStream_t stream);
void launchRope(float* x, const RopeShape& shape, const float* cosTable, const float* sinTable, cudaStream_t stream);
void launchAttention(const AttentionShape& shape, const float* q, const float* k, const float* v, float* out,
                     cudaStream_t stream);
void launchRouteTopK(const float* logits, int64_t tokens, int64_t experts, int64_t topK, int32_t* chosen,
                     float* weights, cudaStream_t stream);

}  // namespace exl2::cuda
