#include "forward_kernels.h"

#include "block_reduce.cuh"

// The plugin compiles with --fmad=false: products and sums round like the CPU code's.
namespace exl2::cuda {

namespace {

constexpr int kThreads = 256; // block size of the reducing kernels (a power of two)

// One block per token: sum of squares in double (as the CPU), then the scaled copy.
__global__ void rmsNormKernel(const float* x, float* y, int64_t dim, const float* w, double eps, double offset)
{
    __shared__ double partial[kThreads];
    const float* xr = x + blockIdx.x * dim;
    float* yr = y + blockIdx.x * dim;
    double sum = 0.0;
    for (int64_t i = threadIdx.x; i < dim; i += blockDim.x)
        sum += double(xr[i]) * double(xr[i]);
    const double total = blockReduce(partial, sum, SumOp{});
    const float inv = float(1.0 / sqrt(total / double(dim) + eps));
    for (int64_t i = threadIdx.x; i < dim; i += blockDim.x)
        yr[i] = (xr[i] * inv) * float(double(w[i]) + offset);
}

__global__ void swigluKernel(float* gate, const float* up, int64_t count)
{
    const int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
    if (i >= count)
        return;
    const float g = gate[i];
    gate[i] = (g / (1.0f + expf(-g))) * up[i];
}

// One thread per rotated pair.
__global__ void ropeKernel(float* x, RopeShape s, const float* cosTable, const float* sinTable)
{
    const int64_t idx = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
    const int64_t pairs = s.tokens * s.heads * s.half;
    if (idx >= pairs)
        return;
    const int64_t i = idx % s.half;
    const int64_t vec = idx / s.half; // token·heads + head
    const int64_t pos = (vec / s.heads) % s.length;
    const float c = cosTable[pos * s.half + i];
    const float sn = sinTable[pos * s.half + i];
    float* head = x + vec * s.headDim;
    const int64_t a = s.neox ? i : 2 * i;
    const int64_t b = s.neox ? i + s.half : 2 * i + 1;
    const float x1 = head[a], x2 = head[b];
    head[a] = x1 * c - x2 * sn;
    head[b] = x2 * c + x1 * sn;
}

// One block per (query position, head, row): scores in shared memory, max and sum reduced over the block.
__global__ void attentionKernel(AttentionShape a, const float* q, const float* k, const float* v, float* out)
{
    extern __shared__ float p[]; // a.length floats
    __shared__ float redMax[kThreads];
    __shared__ double redSum[kThreads];
    const int64_t i = blockIdx.x, h = blockIdx.y, r = blockIdx.z;
    const int64_t d = a.headDim;
    const int64_t kvh = h / (a.heads / a.kvHeads);
    const int64_t first = a.window > 0 ? max(int64_t(0), i - a.window + 1) : 0;
    const float* qrow = q + ((r * a.length + i) * a.heads + h) * d;
    const float scale = float(a.scale);

    float localMax = -INFINITY;
    for (int64_t j = first + threadIdx.x; j <= i; j += blockDim.x) {
        const float* krow = k + ((r * a.length + j) * a.kvHeads + kvh) * d;
        float dot = 0.0f;
        for (int64_t e = 0; e < d; ++e)
            dot += qrow[e] * krow[e];
        float s = scale * dot;
        if (a.softcap != 0.0)
            s = float(a.softcap * tanh(double(s) / a.softcap));
        p[j] = s;
        localMax = fmaxf(localMax, s);
    }
    const float maxv = blockReduce(redMax, localMax, MaxOp{});
    double localSum = 0.0;
    for (int64_t j = first + threadIdx.x; j <= i; j += blockDim.x) {
        p[j] = expf(p[j] - maxv);
        localSum += p[j];
    }
    const float inv = float(1.0 / blockReduce(redSum, localSum, SumOp{}));
    for (int64_t e = threadIdx.x; e < d; e += blockDim.x) {
        float acc = 0.0f;
        for (int64_t j = first; j <= i; ++j)
            acc += (p[j] * inv) * v[((r * a.length + j) * a.kvHeads + kvh) * d + e];
        out[((r * a.length + i) * a.heads + h) * d + e] = acc;
    }
}

// One thread per token: softmax over the experts, then top-k by repeated selection (ties: lower index).
__global__ void routeKernel(const float* logits, int64_t tokens, int64_t experts, int64_t topK, int32_t* chosen,
                            float* weights)
{
    const int64_t t = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
    if (t >= tokens)
        return;
    float p[kMaxExperts];
    const float* l = logits + t * experts;
    float maxv = l[0];
    for (int64_t e = 1; e < experts; ++e)
        maxv = maxv < l[e] ? l[e] : maxv;
    double sum = 0.0;
    for (int64_t e = 0; e < experts; ++e) {
        p[e] = expf(l[e] - maxv);
        sum += p[e];
    }
    for (int64_t e = 0; e < experts; ++e)
        p[e] = float(p[e] / sum);
    int32_t* c = chosen + t * topK;
    float* wt = weights + t * topK;
    for (int64_t j = 0; j < topK; ++j) {
        int64_t best = -1;
        for (int64_t e = 0; e < experts; ++e) {
            bool taken = false;
            for (int64_t m = 0; m < j; ++m)
                taken = taken || c[m] == int32_t(e);
            if (!taken && (best < 0 || p[e] > p[best]))
                best = e;
        }
        c[j] = int32_t(best);
        wt[j] = p[best];
    }
    float total = 0.0f;
    for (int64_t j = 0; j < topK; ++j)
        total += wt[j];
    for (int64_t j = 0; j < topK; ++j)
        wt[j] = wt[j] / total;
}

unsigned blocksFor(int64_t count, int threads) { return unsigned((count + threads - 1) / threads); }

}  // namespace

void launchRmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const float* w, double eps, double offset,
                   cudaStream_t stream)
{
    rmsNormKernel<<<unsigned(tokens), kThreads, 0, stream>>>(x, y, dim, w, eps, offset);
}

void launchSwiglu(float* gate, const float* up, int64_t count, cudaStream_t stream)
{
    swigluKernel<<<blocksFor(count, 256), 256, 0, stream>>>(gate, up, count);
}

void launchRope(float* x, const RopeShape& shape, const float* cosTable, const float* sinTable, cudaStream_t stream)
{
    const int64_t pairs = shape.tokens * shape.heads * shape.half;
    ropeKernel<<<blocksFor(pairs, 256), 256, 0, stream>>>(x, shape, cosTable, sinTable);
}

void launchAttention(const AttentionShape& shape, const float* q, const float* k, const float* v, float* out,
                     cudaStream_t stream)
{
    const dim3 grid(unsigned(shape.length), unsigned(shape.heads), unsigned(shape.rows));
    attentionKernel<<<grid, kThreads, size_t(shape.length) * sizeof(float), stream>>>(shape, q, k, v, out);
}

void launchRouteTopK(const float* logits, int64_t tokens, int64_t experts, int64_t topK, int32_t* chosen,
                     float* weights, cudaStream_t stream)
{
    routeKernel<<<blocksFor(tokens, 64), 64, 0, stream>>>(logits, tokens, experts, topK, chosen, weights);
}

}  // namespace exl2::cuda
