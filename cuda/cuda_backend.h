// The CUDA backend: cuBLAS fp32 GEMM/SYRK (no TF32: CPU parity comes first), cuSOLVER Cholesky and a
// cuBLAS triangular solve for the inverse, own kernels for the forward-pass ops and the whole GPTQ pass of
// a layer. Derives from the CPU backend so that any op without a CUDA version runs on the reference.
#pragma once

#include "backend/cpu_backend.h"
#include "device_buffer.h"

namespace exl2::cuda {

class CudaBackend final : public CpuBackend {
public:
    explicit CudaBackend(int device);
    DeviceInfo info() const override;
    void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a, const float* b,
              float beta, float* c) override;
    void accumulateGram(const float* x, int64_t rows, int64_t n, float* h) override;
    bool choleskyLower(float* a, int64_t n) override;
    void invertLowerTriangular(float* l, int64_t n) override;

    // Forward-pass ops (cuda_forward.cpp): one upload, one kernel, one download each.
    bool rmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const float* w, double eps,
                 double offset) override;
    bool swiglu(float* gate, const float* up, int64_t count) override;
    bool rope(float* x, const RopeShape& shape, const float* cosTable, const float* sinTable) override;
    bool attention(const AttentionShape& shape, const float* q, const float* k, const float* v, float* out) override;
    bool routeTopK(const float* logits, int64_t tokens, int64_t experts, int64_t topK, int32_t* chosen,
                   float* weights) override;

    // The GPTQ pass of one layer (cuda_quantize.cpp): W, U and the errors stay on the device for all groups;
    // U stays resident between calls with the same factorId (the options of one layer).
    bool quantizeLayer(const LayerQuantRequest& request, LayerQuantResult& result) override;

private:
    void upload(float* dst, const float* src, size_t count);
    void download(float* dst, const float* src, size_t count);

    int m_device;
    CudaStream m_stream;
    CublasHandle m_cublas;
    CusolverHandle m_cusolver;
    // Working buffers, grown on demand and reused across calls.
    DeviceBuffer<float> m_a, m_b, m_c, m_work;
    DeviceBuffer<int> m_flag;
    // The layer quantizer's working set, also grown and reused.
    DeviceBuffer<float> m_qW, m_qQd, m_qErr, m_qU, m_qAcc, m_qBeta, m_qScale, m_qScaleMax, m_qSigma;
    DeviceBuffer<uint8_t> m_qCodes, m_qQscale;
    DeviceBuffer<int32_t> m_qGrid, m_route;
    uint64_t m_factorId = 0; // whose U m_qU holds (0: none)
    int64_t m_factorK = 0;
};

}  // namespace exl2::cuda
