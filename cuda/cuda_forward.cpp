#include "cuda_backend.h"

#include "forward_kernels.h"

#include <limits>

// Each op checks its kernel's limits first and returns false outside them: the caller then runs the CPU
// reference. Buffers: m_a input, m_b second input/tables, m_c output (all grown and reused).
namespace exl2::cuda {

namespace {

constexpr int64_t kMaxGrid = std::numeric_limits<int>::max(); // grid.x limit (2^31 − 1)
constexpr int64_t kMaxGridYz = 65535;

}  // namespace

bool CudaBackend::rmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const float* w, double eps,
                          double offset)
{
    if (tokens <= 0 || dim <= 0 || tokens > kMaxGrid)
        return false;
    const size_t count = size_t(tokens * dim);
    m_a.ensure(count, "RMSNorm input");
    m_b.ensure(size_t(dim), "RMSNorm weight");
    upload(m_a.get(), x, count);
    upload(m_b.get(), w, size_t(dim));
    launchRmsNorm(m_a.get(), m_a.get(), tokens, dim, m_b.get(), eps, offset, m_stream.get());
    EXL2_CUDA(cudaGetLastError());
    download(y, m_a.get(), count);
    return true;
}

bool CudaBackend::swiglu(float* gate, const float* up, int64_t count)
{
    if (count <= 0 || count / 256 >= kMaxGrid)
        return false;
    m_a.ensure(size_t(count), "SwiGLU gate");
    m_b.ensure(size_t(count), "SwiGLU up");
    upload(m_a.get(), gate, size_t(count));
    upload(m_b.get(), up, size_t(count));
    launchSwiglu(m_a.get(), m_b.get(), count, m_stream.get());
    EXL2_CUDA(cudaGetLastError());
    download(gate, m_a.get(), size_t(count));
    return true;
}

bool CudaBackend::rope(float* x, const RopeShape& s, const float* cosTable, const float* sinTable)
{
    if (s.tokens <= 0 || s.heads <= 0 || s.half <= 0 || s.length <= 0 || s.length > s.tableLength ||
        2 * s.half > s.headDim || (s.tokens * s.heads * s.half) / 256 >= kMaxGrid)
        return false;
    const size_t count = size_t(s.tokens * s.heads * s.headDim);
    const size_t table = size_t(s.tableLength * s.half);
    m_a.ensure(count, "RoPE vectors");
    m_b.ensure(2 * table, "RoPE cos/sin tables");
    upload(m_a.get(), x, count);
    upload(m_b.get(), cosTable, table);
    upload(m_b.get() + table, sinTable, table);
    launchRope(m_a.get(), s, m_b.get(), m_b.get() + table, m_stream.get());
    EXL2_CUDA(cudaGetLastError());
    download(x, m_a.get(), count);
    return true;
}

bool CudaBackend::attention(const AttentionShape& s, const float* q, const float* k, const float* v, float* out)
{
    if (s.rows <= 0 || s.length <= 0 || s.headDim <= 0 || s.kvHeads <= 0 || s.heads % s.kvHeads != 0 ||
        s.length > kMaxAttentionLength || s.heads > kMaxGridYz || s.rows > kMaxGridYz)
        return false;
    const size_t tokens = size_t(s.rows * s.length);
    const size_t qCount = tokens * size_t(s.heads * s.headDim);
    const size_t kvCount = tokens * size_t(s.kvHeads * s.headDim);
    m_a.ensure(qCount, "attention queries");
    m_b.ensure(2 * kvCount, "attention keys and values");
    m_c.ensure(qCount, "attention output");
    upload(m_a.get(), q, qCount);
    upload(m_b.get(), k, kvCount);
    upload(m_b.get() + kvCount, v, kvCount);
    launchAttention(s, m_a.get(), m_b.get(), m_b.get() + kvCount, m_c.get(), m_stream.get());
    EXL2_CUDA(cudaGetLastError());
    download(out, m_c.get(), qCount);
    return true;
}

bool CudaBackend::routeTopK(const float* logits, int64_t tokens, int64_t experts, int64_t topK, int32_t* chosen,
                            float* weights)
{
    if (tokens <= 0 || experts <= 0 || experts > kMaxExperts || topK <= 0 || topK > experts ||
        tokens / 64 >= kMaxGrid)
        return false;
    const size_t in = size_t(tokens * experts), outCount = size_t(tokens * topK);
    m_a.ensure(in, "router logits");
    m_c.ensure(outCount, "routing weights");
    m_route.ensure(outCount, "routing choices");
    upload(m_a.get(), logits, in);
    launchRouteTopK(m_a.get(), tokens, experts, topK, m_route.get(), m_c.get(), m_stream.get());
    EXL2_CUDA(cudaGetLastError());
    EXL2_CUDA(cudaMemcpyAsync(chosen, m_route.get(), outCount * sizeof(int32_t), cudaMemcpyDeviceToHost,
                              m_stream.get()));
    download(weights, m_c.get(), outCount);
    return true;
}

}  // namespace exl2::cuda
