// The CUDA backend: cuBLAS fp32 GEMM/SYRK (no TF32: CPU parity comes first), cuSOLVER Cholesky and a
// cuBLAS triangular solve for the inverse. Derives from the CPU backend so that any op without a CUDA
// version yet runs on the reference implementation.
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
};

}  // namespace exl2::cuda
