// A Backend decorator for the GPU benchmark: forwards every op to the backend it wraps and adds up, per
// kind of op, the calls, the wall time (host↔device copies included, as the pipeline sees them) and the
// floating-point operations of the GEMM-like ones.
#pragma once

#include "backend/backend.h"

#include <chrono>
#include <cstdint>

namespace exl2gpu {

struct OpStats {
    int64_t calls = 0;
    double seconds = 0;
    double flops = 0;  // 0 for ops whose work is not counted
    double tflops() const { return seconds > 0 ? flops / seconds / 1e12 : 0.0; }
    OpStats& operator+=(const OpStats& o)
    {
        calls += o.calls;
        seconds += o.seconds;
        flops += o.flops;
        return *this;
    }
};

struct BackendStats {
    OpStats gemm;       // 2·m·n·k each
    OpStats gram;       // accumulateGram: rows·n·(n+1) (one triangle, SYRK)
    OpStats factor;     // choleskyLower, invertLowerTriangular, upperCholeskyOfInverse (flops not counted)
    OpStats attention;  // 2·2·heads·headDim·Σ visible keys (QKᵀ and PV, causal)
    OpStats quantize;   // quantizeLayer: k²·N_p for the GPTQ block updates, 0 for RTN
    OpStats elementwise;// rmsNorm, swiglu, rope, routeTopK (flops not counted)
    BackendStats& operator+=(const BackendStats& o)
    {
        gemm += o.gemm;
        gram += o.gram;
        factor += o.factor;
        attention += o.attention;
        quantize += o.quantize;
        elementwise += o.elementwise;
        return *this;
    }
    // The GEMM-heavy parts the TFLOP/s figure covers.
    OpStats gemmHeavy() const
    {
        OpStats s = gemm;
        s += gram;
        s += attention;
        s += quantize;
        return s;
    }
};

class TimedBackend final : public exl2::Backend {
public:
    explicit TimedBackend(exl2::Backend& inner) : m_inner(inner) {}
    const BackendStats& stats() const { return m_stats; }
    void reset() { m_stats = {}; }

    exl2::DeviceInfo info() const override { return m_inner.info(); }
    void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a, const float* b,
              float beta, float* c) override;
    void accumulateGram(const float* x, int64_t rows, int64_t n, float* h) override;
    bool choleskyLower(float* a, int64_t n) override;
    void invertLowerTriangular(float* l, int64_t n) override;
    bool upperCholeskyOfInverse(float* h, int64_t n) override;
    bool rmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const float* w, double eps,
                 double offset) override;
    bool swiglu(float* gate, const float* up, int64_t count) override;
    bool rope(float* x, const exl2::RopeShape& shape, const float* cosTable, const float* sinTable) override;
    bool attention(const exl2::AttentionShape& shape, const float* q, const float* k, const float* v,
                   float* out) override;
    bool routeTopK(const float* logits, int64_t tokens, int64_t experts, int64_t topK, int32_t* chosen,
                   float* weights) override;
    bool quantizeLayer(const exl2::LayerQuantRequest& request, exl2::LayerQuantResult& result) override;

private:
    // Runs f, adding one call, its time and `flops` to `into`; returns what f returns.
    template <typename F>
    auto timed(OpStats& into, double flops, F&& f)
    {
        const auto start = std::chrono::steady_clock::now();
        struct Add { // also on the exception path
            OpStats& s;
            double flops;
            std::chrono::steady_clock::time_point start;
            ~Add()
            {
                ++s.calls;
                s.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                s.flops += flops;
            }
        } add{into, flops, start};
        return f();
    }

    exl2::Backend& m_inner;
    BackendStats m_stats;
};

}  // namespace exl2gpu
