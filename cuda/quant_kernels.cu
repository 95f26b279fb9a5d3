#include "quant_kernels.h"

#include "block_reduce.cuh"

#include <cuda_fp16.h>

// The plugin compiles with --fmad=false: every product and sum rounds as in the CPU code.
namespace exl2::cuda {

namespace {

constexpr double kMinP = 0.70;
constexpr double kMaxP = 1.2;
constexpr int kGridSteps = kGridPoints - 1;
constexpr int64_t kSumChunk = 256; // the CPU sums the grid errors per 256 columns, then the chunks

__device__ float roundHalf(float x) { return __half2float(__float2half_rn(x)); }

// Steps 1-2: β_c = (max_r |x| + 1e-12) / (maxq/2).
__global__ void columnBetaKernel(const float* w, int64_t rows, int64_t np, float maxq, float* beta)
{
    const int64_t c = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
    if (c >= np)
        return;
    float m = 0.0f;
    for (int64_t r = 0; r < rows; ++r) {
        const float a = fabsf(w[r * np + c]);
        m = m < a ? a : m;
    }
    beta[c] = (m + 1e-12f) / (maxq / 2.0f);
}

// σ = max β (one block; a maximum does not depend on the order).
__global__ void sigmaKernel(const float* beta, int64_t np, float* sigma)
{
    __shared__ float red[256];
    float m = 0.0f;
    for (int64_t c = threadIdx.x; c < np; c += blockDim.x)
        m = fmaxf(m, beta[c]);
    const float sigmaValue = blockReduce(red, m, MaxOp{});
    if (threadIdx.x == 0)
        *sigma = sigmaValue;
}

// Steps 3-4: n_c = clamp(rint(16·√(β/σ)), 1, 16), s̃_c = (n_c/16)²·σ (overwrites β).
__global__ void baseScaleKernel(float* beta, const float* sigmaPtr, int64_t np, uint8_t* qscale)
{
    const int64_t c = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
    if (c >= np)
        return;
    const float sigma = *sigmaPtr;
    float q = rintf(16.0f * sqrtf(beta[c] / sigma));
    q = q < 1.0f ? 1.0f : (q > 16.0f ? 16.0f : q);
    qscale[c] = uint8_t(q);
    const float f = q / 16.0f;
    beta[c] = f * f * sigma;
}

// Step 5: per (grid point, column), Σ_r |clamp(rint(x/(s·p)))·s·p − x|^3.5 in float, rows in order.
__global__ void gridErrorKernel(const float* w, int64_t rows, int64_t np, const float* sBase, float lo, float hi,
                                float* acc)
{
    const int64_t c = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
    const int i = int(blockIdx.y);
    if (c >= np)
        return;
    const float p = float(kMinP * (1.0 - double(i) / kGridSteps) + kMaxP * (double(i) / kGridSteps));
    const float s = sBase[c] * p;
    float sum = 0.0f;
    for (int64_t r = 0; r < rows; ++r) {
        const float x = w[r * np + c];
        float q = rintf(x / s);
        q = q < lo ? lo : (q > hi ? hi : q);
        const float e = fabsf(q * s - x);
        sum += e * e * e * sqrtf(e);
    }
    acc[int64_t(i) * np + c] = sum;
}

// Steps 6-8 in one block: totals in the CPU's summation order, first minimum, then the final scales.
__global__ void pickGridKernel(const float* acc, int64_t np, const float* sigmaPtr, const uint8_t* qscale,
                               float* scale, float* qscaleMax, int32_t* gridIndex)
{
    __shared__ double total[kGridPoints];
    __shared__ float m;
    const int i = int(threadIdx.x);
    if (i < kGridPoints) {
        double e = 0.0;
        for (int64_t c0 = 0; c0 < np; c0 += kSumChunk) {
            double part = 0.0;
            const int64_t c1 = c0 + kSumChunk < np ? c0 + kSumChunk : np;
            for (int64_t c = c0; c < c1; ++c)
                part += acc[int64_t(i) * np + c];
            e += part;
        }
        total[i] = e;
    }
    __syncthreads();
    if (i == 0) {
        int best = 0;
        for (int j = 1; j < kGridPoints; ++j)
            if (total[j] < total[best])
                best = j;
        const double pStar = kMaxP * (double(best) / kGridSteps) + kMinP * (1.0 - double(best) / kGridSteps);
        const float qmax = *sigmaPtr * float(pStar);
        *qscaleMax = qmax;
        *gridIndex = best;
        m = roundHalf(roundHalf(qmax) * (1.0f / 256.0f));
    }
    __syncthreads();
    for (int64_t c = threadIdx.x; c < np; c += blockDim.x) {
        const float nn = float(qscale[c]) * float(qscale[c]);
        scale[c] = roundHalf(nn * m);
    }
}

// One thread per column walks the group's rows in order, exactly as quantizeGroupColumns does per chunk.
__global__ void quantizeGroupKernel(float* w, float* qd, uint8_t* codes, float* err, const float* u, int64_t k,
                                    int64_t np, int64_t firstRow, int64_t rows, int bits, const float* scale)
{
    const int64_t c = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
    if (c >= np)
        return;
    const float zero = float(1 << (bits - 1));
    const float maxq = float((1 << bits) - 1);
    const float s = scale[c];
    for (int64_t lr = 0; lr < rows; ++lr) {
        const int64_t row = firstRow + lr;
        const float x = w[row * np + c];
        float q = s != 0.0f ? rintf(x / s) + zero : zero;
        q = q < 0.0f ? 0.0f : (q > maxq ? maxq : q);
        codes[row * np + c] = uint8_t(int(q));
        const float dq = roundHalf((q - zero) * s);
        qd[row * np + c] = dq;
        if (!u)
            continue;
        const float* urow = u + row * k;
        const float e = (x - dq) / urow[row];
        err[lr * np + c] = e;
        for (int64_t r = lr + 1; r < rows; ++r) {
            const float f = urow[firstRow + r];
            float* target = w + (firstRow + r) * np + c;
            *target = *target + (-f) * e;
        }
    }
}

unsigned blocksFor(int64_t count, int threads) { return unsigned((count + threads - 1) / threads); }

}  // namespace

void launchScaleSearch(const float* w, int64_t rows, int64_t np, int bits, const ScaleSearchBuffers& b,
                       cudaStream_t stream)
{
    const float maxq = float((1 << bits) - 1);
    const float qzero = float(1 << (bits - 1));
    columnBetaKernel<<<blocksFor(np, 256), 256, 0, stream>>>(w, rows, np, maxq, b.beta);
    sigmaKernel<<<1, 256, 0, stream>>>(b.beta, np, b.sigma);
    baseScaleKernel<<<blocksFor(np, 256), 256, 0, stream>>>(b.beta, b.sigma, np, b.qscale);
    gridErrorKernel<<<dim3(blocksFor(np, 128), kGridPoints), 128, 0, stream>>>(w, rows, np, b.beta, -qzero,
                                                                                  maxq - qzero, b.acc);
    pickGridKernel<<<1, 128, 0, stream>>>(b.acc, np, b.sigma, b.qscale, b.scale, b.qscaleMax, b.gridIndex);
}

void launchQuantizeGroup(float* w, float* qd, uint8_t* codes, float* err, const float* u, int64_t k, int64_t np,
                         int64_t firstRow, int64_t rows, int bits, const float* scale, cudaStream_t stream)
{
    quantizeGroupKernel<<<blocksFor(np, 128), 128, 0, stream>>>(w, qd, codes, err, u, k, np, firstRow, rows, bits,
                                                                 scale);
}

}  // namespace exl2::cuda
