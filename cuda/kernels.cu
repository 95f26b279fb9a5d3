#include "kernels.h"

namespace exl2::cuda {

namespace {

__global__ void mirrorLowerToUpper(float* a, int n)
{
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    const int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row < n && col < n && row < col)
        a[size_t(col) * n + row] = a[size_t(row) * n + col];
}

__global__ void zeroStrictLower(float* a, int n)
{
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    const int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row < n && col < n && row > col)
        a[size_t(col) * n + row] = 0.0f;
}

__global__ void setIdentity(float* a, int n)
{
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    const int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row < n && col < n)
        a[size_t(col) * n + row] = row == col ? 1.0f : 0.0f;
}

__global__ void countNonFinite(const float* a, size_t count, int* result)
{
    int local = 0;
    for (size_t i = blockIdx.x * size_t(blockDim.x) + threadIdx.x; i < count; i += size_t(gridDim.x) * blockDim.x)
        local += isfinite(a[i]) ? 0 : 1;
    if (local)
        atomicAdd(result, local);
}

dim3 tiles(int n) { return dim3((n + 15) / 16, (n + 15) / 16); }

}  // namespace

void launchMirrorLowerToUpper(float* a, int n, cudaStream_t stream)
{
    mirrorLowerToUpper<<<tiles(n), dim3(16, 16), 0, stream>>>(a, n);
}

void launchZeroStrictLower(float* a, int n, cudaStream_t stream)
{
    zeroStrictLower<<<tiles(n), dim3(16, 16), 0, stream>>>(a, n);
}

void launchSetIdentity(float* a, int n, cudaStream_t stream)
{
    setIdentity<<<tiles(n), dim3(16, 16), 0, stream>>>(a, n);
}

void launchCountNonFinite(const float* a, size_t count, int* result, cudaStream_t stream)
{
    cudaMemsetAsync(result, 0, sizeof(int), stream);
    const unsigned blocks = unsigned(count / 256 + 1 < 1024 ? count / 256 + 1 : 1024);
    countNonFinite<<<blocks, 256, 0, stream>>>(a, count, result);
}

}  // namespace exl2::cuda
