// The compute interface the pipeline runs on. The CPU backend (OpenBLAS/LAPACKE) is the reference;
// the CUDA plugin implements the same interface and is tested against it. All matrices are row-major
// float32 in host memory unless a method says otherwise. Layer-level ops (backend_ops.h) are optional.
#pragma once

#include "backend/backend_ops.h"

#include <cstdint>
#include <memory>
#include <string>

namespace exl2 {

struct DeviceInfo {
    std::string id;           // "cpu" or "cuda:0"
    std::string name;         // "CPU (OpenBLAS, 2 threads)", "NVIDIA H100 80GB HBM3"
    uint64_t totalMemory = 0; // bytes
    uint64_t freeMemory = 0;  // bytes
};

class Backend {
public:
    virtual ~Backend() = default;
    virtual DeviceInfo info() const = 0;

    // c (m×n) = alpha · op(a) · op(b) + beta · c, where op(a) is m×k and op(b) is k×n.
    // a is stored m×k (or k×m when transA), b is k×n (or n×k when transB).
    virtual void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
                      const float* b, float beta, float* c) = 0;

    // h (n×n) += xᵀ·x for x of rows×n; both triangles of h are updated.
    virtual void accumulateGram(const float* x, int64_t rows, int64_t n, float* h) = 0;

    // In-place Cholesky of a symmetric positive definite n×n matrix: on success the lower triangle
    // holds L with a = L·Lᵀ and the strict upper triangle is zero. Returns false (a unspecified)
    // when the matrix is not positive definite or holds NaN/Inf.
    virtual bool choleskyLower(float* a, int64_t n) = 0;

    // In-place inverse of a lower-triangular n×n matrix (strict upper triangle stays zero).
    virtual void invertLowerTriangular(float* l, int64_t n) = 0;

    // The GPTQ inverse factor in one call, so a device backend keeps the matrix on the device: overwrite
    // the symmetric positive definite n×n h with the upper-triangular U where h⁻¹ = Uᵀ·U (strict lower
    // triangle zero). Returns false (h unspecified) when h is not positive definite or U is not finite.
    // The default composes the primitives above (see backend.cpp).
    virtual bool upperCholeskyOfInverse(float* h, int64_t n);

    // Layer-level ops. Each returns false when this backend has no accelerated version (or the
    // arguments fall outside its kernel's limits): the caller then runs the CPU reference code in
    // core/forward or core/quant. The CPU backend accelerates none, so its results stay the reference.
    // Shapes and buffers are described in backend_ops.h.
    virtual bool rmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const float* w, double eps,
                         double offset);
    virtual bool swiglu(float* gate, const float* up, int64_t count); // gate = silu(gate)·up
    virtual bool rope(float* x, const RopeShape& shape, const float* cosTable, const float* sinTable);
    virtual bool attention(const AttentionShape& shape, const float* q, const float* k, const float* v, float* out);
    virtual bool routeTopK(const float* logits, int64_t tokens, int64_t experts, int64_t topK, int32_t* chosen,
                           float* weights);
    virtual bool quantizeLayer(const LayerQuantRequest& request, LayerQuantResult& result);
};

}  // namespace exl2
