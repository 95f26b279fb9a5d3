#include "cuda_backend.h"

#include "kernels.h"

#include <cmath>

namespace exl2::cuda {

namespace {

// Runs before the stream and handles are created (member order), so they land on this device.
int selectDevice(int device)
{
    EXL2_CUDA(cudaSetDevice(device));
    return device;
}

}  // namespace

CudaBackend::CudaBackend(int device) : m_device(selectDevice(device))
{
    EXL2_CUBLAS(cublasSetStream(m_cublas.get(), m_stream.get()));
    EXL2_CUBLAS(cublasSetMathMode(m_cublas.get(), CUBLAS_PEDANTIC_MATH));  // fp32 exactly: no TF32
    EXL2_CUSOLVER(cusolverDnSetStream(m_cusolver.get(), m_stream.get()));
    m_flag.ensure(1, "status flag");
}

DeviceInfo CudaBackend::info() const
{
    cudaDeviceProp prop{};
    EXL2_CUDA(cudaGetDeviceProperties(&prop, m_device));
    size_t freeBytes = 0, totalBytes = 0;
    EXL2_CUDA(cudaMemGetInfo(&freeBytes, &totalBytes));
    DeviceInfo d;
    d.id = "cuda:" + std::to_string(m_device);
    d.name = prop.name;
    d.totalMemory = totalBytes;
    d.freeMemory = freeBytes;
    return d;
}

void CudaBackend::upload(float* dst, const float* src, size_t count)
{
    EXL2_CUDA(cudaMemcpyAsync(dst, src, count * sizeof(float), cudaMemcpyHostToDevice, m_stream.get()));
}

void CudaBackend::download(float* dst, const float* src, size_t count)
{
    EXL2_CUDA(cudaMemcpyAsync(dst, src, count * sizeof(float), cudaMemcpyDeviceToHost, m_stream.get()));
    EXL2_CUDA(cudaStreamSynchronize(m_stream.get()));
}

void CudaBackend::gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
                       const float* b, float beta, float* c)
{
    if (m == 0 || n == 0)
        return;
    m_a.ensure(size_t(m * k), "gemm operand A");
    m_b.ensure(size_t(k * n), "gemm operand B");
    m_c.ensure(size_t(m * n), "gemm result");
    upload(m_a.get(), a, size_t(m * k));
    upload(m_b.get(), b, size_t(k * n));
    if (beta != 0.0f)
        upload(m_c.get(), c, size_t(m * n));
    // Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ: swap the operands.
    const int lda = int(transA ? m : k), ldb = int(transB ? k : n);
    EXL2_CUBLAS(cublasSgemm(m_cublas.get(), transB ? CUBLAS_OP_T : CUBLAS_OP_N, transA ? CUBLAS_OP_T : CUBLAS_OP_N,
                            int(n), int(m), int(k), &alpha, m_b.get(), ldb, m_a.get(), lda, &beta, m_c.get(), int(n)));
    download(c, m_c.get(), size_t(m * n));
}

void CudaBackend::accumulateGram(const float* x, int64_t rows, int64_t n, float* h)
{
    if (rows == 0 || n == 0)
        return;
    m_a.ensure(size_t(rows * n), "activations");
    m_c.ensure(size_t(n * n), "Hessian");
    upload(m_a.get(), x, size_t(rows * n));
    upload(m_c.get(), h, size_t(n * n));
    // Row-major x (rows×n) is column-major xᵀ (n×rows): h += xᵀ·x is a plain SYRK of that.
    const float one = 1.0f;
    EXL2_CUBLAS(cublasSsyrk(m_cublas.get(), CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N, int(n), int(rows), &one, m_a.get(),
                            int(n), &one, m_c.get(), int(n)));
    launchMirrorLowerToUpper(m_c.get(), int(n), m_stream.get());
    EXL2_CUDA(cudaGetLastError());
    download(h, m_c.get(), size_t(n * n));
}

bool CudaBackend::choleskyLower(float* a, int64_t n)
{
    const size_t count = size_t(n * n);
    m_c.ensure(count, "Cholesky matrix");
    upload(m_c.get(), a, count);
    launchCountNonFinite(m_c.get(), count, m_flag.get(), m_stream.get());
    int nonFinite = 0;
    EXL2_CUDA(cudaMemcpyAsync(&nonFinite, m_flag.get(), sizeof(int), cudaMemcpyDeviceToHost, m_stream.get()));
    EXL2_CUDA(cudaStreamSynchronize(m_stream.get()));
    if (nonFinite)
        return false;
    // Row-major lower L is column-major upper Lᵀ.
    int lwork = 0;
    EXL2_CUSOLVER(cusolverDnSpotrf_bufferSize(m_cusolver.get(), CUBLAS_FILL_MODE_UPPER, int(n), m_c.get(), int(n), &lwork));
    m_work.ensure(size_t(lwork), "Cholesky workspace");
    EXL2_CUSOLVER(cusolverDnSpotrf(m_cusolver.get(), CUBLAS_FILL_MODE_UPPER, int(n), m_c.get(), int(n), m_work.get(), lwork,
                                   m_flag.get()));
    int info = 0;
    EXL2_CUDA(cudaMemcpyAsync(&info, m_flag.get(), sizeof(int), cudaMemcpyDeviceToHost, m_stream.get()));
    EXL2_CUDA(cudaStreamSynchronize(m_stream.get()));
    if (info != 0)
        return false;
    launchZeroStrictLower(m_c.get(), int(n), m_stream.get());
    EXL2_CUDA(cudaGetLastError());
    download(a, m_c.get(), count);
    for (int64_t i = 0; i < n; ++i)
        if (!std::isfinite(a[i * n + i]))
            return false;
    return true;
}

void CudaBackend::invertLowerTriangular(float* l, int64_t n)
{
    const size_t count = size_t(n * n);
    m_a.ensure(count, "triangular factor");
    m_c.ensure(count, "triangular inverse");
    upload(m_a.get(), l, count);
    launchSetIdentity(m_c.get(), int(n), m_stream.get());
    EXL2_CUDA(cudaGetLastError());
    // Column-major upper U = Lᵀ; solve U·X = I, then X = U⁻¹ = (L⁻¹)ᵀ, i.e. row-major L⁻¹.
    const float one = 1.0f;
    EXL2_CUBLAS(cublasStrsm(m_cublas.get(), CUBLAS_SIDE_LEFT, CUBLAS_FILL_MODE_UPPER, CUBLAS_OP_N, CUBLAS_DIAG_NON_UNIT,
                            int(n), int(n), &one, m_a.get(), int(n), m_c.get(), int(n)));
    download(l, m_c.get(), count);
}

}  // namespace exl2::cuda
