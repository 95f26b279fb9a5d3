// The reference backend: OpenBLAS sgemm/ssyrk and LAPACKE Cholesky, multi-threaded by OpenBLAS.
// Not final: the CUDA backend derives from it so that any op it does not accelerate yet runs here.
#pragma once

#include "backend/backend.h"

namespace exl2 {

class CpuBackend : public Backend {
public:
    DeviceInfo info() const override;
    void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a, const float* b,
              float beta, float* c) override;
    void accumulateGram(const float* x, int64_t rows, int64_t n, float* h) override;
    bool choleskyLower(float* a, int64_t n) override;
    void invertLowerTriangular(float* l, int64_t n) override;
};

}  // namespace exl2
