#include "backend/cpu_backend.h"

#include "util/error.h"

#include <algorithm>
#include <cblas.h>
#include <cmath>
#include <fstream>
#include <lapacke.h>
#include <string>
#include <unistd.h>

namespace exl2 {

namespace {

uint64_t memInfoBytes(const char* field)
{
    std::ifstream in("/proc/meminfo");
    std::string key;
    uint64_t kb = 0;
    std::string unit;
    while (in >> key >> kb >> unit) {
        if (key == field)
            return kb * 1024;
    }
    return 0;
}

}  // namespace

DeviceInfo CpuBackend::info() const
{
    DeviceInfo d;
    d.id = "cpu";
    d.name = "CPU (OpenBLAS, " + std::to_string(openblas_get_num_threads()) + " threads)";
    d.totalMemory = memInfoBytes("MemTotal:");
    d.freeMemory = memInfoBytes("MemAvailable:");
    return d;
}

void CpuBackend::gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, float alpha, const float* a,
                      const float* b, float beta, float* c)
{
    if (m == 0 || n == 0)
        return;
    const blasint lda = blasint(transA ? m : k);
    const blasint ldb = blasint(transB ? k : n);
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, blasint(m),
                blasint(n), blasint(k), alpha, a, lda, b, ldb, beta, c, blasint(n));
}

void CpuBackend::accumulateGram(const float* x, int64_t rows, int64_t n, float* h)
{
    if (rows == 0 || n == 0)
        return;
    // ssyrk fills the upper triangle; mirror it so callers see a full symmetric matrix.
    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, blasint(n), blasint(rows), 1.0f, x, blasint(n), 1.0f, h,
                blasint(n));
    // Mirrored in tiles: a plain column walk misses the cache on every element once n·4 bytes exceeds a page.
    constexpr int64_t tile = 64;
    for (int64_t i0 = 0; i0 < n; i0 += tile)
        for (int64_t j0 = 0; j0 <= i0; j0 += tile)
            for (int64_t i = i0; i < std::min(n, i0 + tile); ++i)
                for (int64_t j = j0; j < std::min(i, j0 + tile); ++j)
                    h[i * n + j] = h[j * n + i];
}

bool CpuBackend::choleskyLower(float* a, int64_t n)
{
    for (int64_t i = 0; i < n * n; ++i)
        if (!std::isfinite(a[i]))
            return false;
    // A row-major lower triangle is a column-major upper one: asking LAPACK for that directly skips the
    // two full-matrix transposes LAPACKE's row-major wrapper makes (a is symmetric, so the input agrees).
    const lapack_int info = LAPACKE_spotrf(LAPACK_COL_MAJOR, 'U', lapack_int(n), a, lapack_int(n));
    if (info != 0)
        return false;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j)
            a[i * n + j] = 0.0f;
    for (int64_t i = 0; i < n; ++i)
        if (!std::isfinite(a[i * n + i]))
            return false;
    return true;
}

void CpuBackend::invertLowerTriangular(float* l, int64_t n)
{
    // Row-major lower L is column-major upper Lᵀ, and inv(Lᵀ) = inv(L)ᵀ: same memory, no transposes.
    const lapack_int info = LAPACKE_strtri(LAPACK_COL_MAJOR, 'U', 'N', lapack_int(n), l, lapack_int(n));
    if (info != 0)
        throw Error(ErrorCode::Numerical, "triangular inverse failed: diagonal element " + std::to_string(info) +
                                              " is zero");
}

}  // namespace exl2
