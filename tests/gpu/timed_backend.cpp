#include "timed_backend.h"

#include <algorithm>

namespace exl2gpu {

void TimedBackend::gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
                        const float* b, float beta, float* c)
{
    timed(m_stats.gemm, 2.0 * double(m) * double(n) * double(k),
          [&] { m_inner.gemm(transA, transB, m, n, k, alpha, a, b, beta, c); });
}

void TimedBackend::accumulateGram(const float* x, int64_t rows, int64_t n, float* h)
{
    timed(m_stats.gram, double(rows) * double(n) * double(n + 1), [&] { m_inner.accumulateGram(x, rows, n, h); });
}

bool TimedBackend::choleskyLower(float* a, int64_t n)
{
    return timed(m_stats.factor, 0.0, [&] { return m_inner.choleskyLower(a, n); });
}

void TimedBackend::invertLowerTriangular(float* l, int64_t n)
{
    timed(m_stats.factor, 0.0, [&] { m_inner.invertLowerTriangular(l, n); });
}

bool TimedBackend::upperCholeskyOfInverse(float* h, int64_t n)
{
    return timed(m_stats.factor, 0.0, [&] { return m_inner.upperCholeskyOfInverse(h, n); });
}

bool TimedBackend::rmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const float* w, double eps,
                           double offset)
{
    return timed(m_stats.elementwise, 0.0, [&] { return m_inner.rmsNorm(x, y, tokens, dim, w, eps, offset); });
}

bool TimedBackend::swiglu(float* gate, const float* up, int64_t count)
{
    return timed(m_stats.elementwise, 0.0, [&] { return m_inner.swiglu(gate, up, count); });
}

bool TimedBackend::rope(float* x, const exl2::RopeShape& shape, const float* cosTable, const float* sinTable)
{
    return timed(m_stats.elementwise, 0.0, [&] { return m_inner.rope(x, shape, cosTable, sinTable); });
}

bool TimedBackend::attention(const exl2::AttentionShape& s, const float* q, const float* k, const float* v, float* out)
{
    // Keys visible to the queries of one sequence: Σ_i min(i + 1, window).
    double visible = 0;
    for (int64_t i = 0; i < s.length; ++i)
        visible += double(s.window > 0 ? std::min<int64_t>(i + 1, s.window) : i + 1);
    const double flops = 4.0 * double(s.rows) * double(s.heads) * double(s.headDim) * visible;
    const bool ran = timed(m_stats.attention, flops, [&] { return m_inner.attention(s, q, k, v, out); });
    if (!ran)  // declined: the caller's CPU fallback does the work (its GEMMs are counted as gemm)
        m_stats.attention.flops -= flops;
    return ran;
}

bool TimedBackend::routeTopK(const float* logits, int64_t tokens, int64_t experts, int64_t topK, int32_t* chosen,
                             float* weights)
{
    return timed(m_stats.elementwise, 0.0,
                 [&] { return m_inner.routeTopK(logits, tokens, experts, topK, chosen, weights); });
}

bool TimedBackend::quantizeLayer(const exl2::LayerQuantRequest& r, exl2::LayerQuantResult& result)
{
    // The block updates of GPTQ: each group's rows times every later row times N_p, two flops each, about k²·N_p.
    const double flops = r.u ? double(r.k) * double(r.k) * double(r.np) : 0.0;
    const bool ran = timed(m_stats.quantize, flops, [&] { return m_inner.quantizeLayer(r, result); });
    if (!ran)
        m_stats.quantize.flops -= flops;
    return ran;
}

}  // namespace exl2gpu
