// Small element-wise kernels used by the CUDA backend; plain host launchers, no CUDA types leak
// beyond cudaStream_t. Matrices are n×n, column-major as cuBLAS sees them.
#pragma once

#include <cuda_runtime.h>

namespace exl2::cuda {

// Copies the lower triangle (column-major) onto the upper one.
void launchMirrorLowerToUpper(float* a, int n, cudaStream_t stream);
// Zeroes the strict lower triangle (column-major).
void launchZeroStrictLower(float* a, int n, cudaStream_t stream);
// Writes the identity matrix.
void launchSetIdentity(float* a, int n, cudaStream_t stream);
// Counts NaN/Inf among count values into *result (device int, zeroed by the launcher).
void launchCountNonFinite(const float* a, size_t count, int* result, cudaStream_t stream);

}  // namespace exl2::cuda
