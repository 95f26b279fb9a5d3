// RAII device memory and library handles. Allocation failures report what was being allocated,
// how much, and how much the device had free.
#pragma once

#include "cuda_check.h"

#include <cstddef>
#include <string>
#include <utility>

namespace exl2::cuda {

template <typename T>
class DeviceBuffer {
public:
    DeviceBuffer() = default;
    DeviceBuffer(size_t count, const char* what) { allocate(count, what); }
    ~DeviceBuffer() { release(); }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
    DeviceBuffer(DeviceBuffer&& o) noexcept : m_ptr(std::exchange(o.m_ptr, nullptr)), m_count(std::exchange(o.m_count, 0)) {}
    DeviceBuffer& operator=(DeviceBuffer&& o) noexcept
    {
        if (this != &o) {
            release();
            m_ptr = std::exchange(o.m_ptr, nullptr);
            m_count = std::exchange(o.m_count, 0);
        }
        return *this;
    }

    // Grows (never shrinks) so that buffers are reused across layers and options.
    void ensure(size_t count, const char* what)
    {
        if (count > m_count) {
            release();
            allocate(count, what);
        }
    }
    T* get() const { return m_ptr; }
    size_t size() const { return m_count; }

private:
    void allocate(size_t count, const char* what)
    {
        if (count == 0)
            return;
        const cudaError_t e = cudaMalloc(reinterpret_cast<void**>(&m_ptr), count * sizeof(T));
        if (e != cudaSuccess) {
            size_t freeBytes = 0, totalBytes = 0;
            cudaGetLastError();
            cudaMemGetInfo(&freeBytes, &totalBytes);
            m_ptr = nullptr;
            throw CudaError("cudaMalloc", __FILE__, __LINE__,
                            std::string(cudaGetErrorName(e)) + " while allocating " + what + " (" +
                                std::to_string(count * sizeof(T) >> 20) + " MiB; " + std::to_string(freeBytes >> 20) +
                                " MiB free of " + std::to_string(totalBytes >> 20) + " MiB)");
        }
        m_count = count;
    }
    void release()
    {
        if (m_ptr)
            cudaFree(m_ptr);
        m_ptr = nullptr;
        m_count = 0;
    }
    T* m_ptr = nullptr;
    size_t m_count = 0;
};

class CublasHandle {
public:
    CublasHandle() { EXL2_CUBLAS(cublasCreate(&m_h)); }
    ~CublasHandle() { cublasDestroy(m_h); }
    CublasHandle(const CublasHandle&) = delete;
    CublasHandle& operator=(const CublasHandle&) = delete;
    cublasHandle_t get() const { return m_h; }

private:
    cublasHandle_t m_h = nullptr;
};

class CusolverHandle {
public:
    CusolverHandle() { EXL2_CUSOLVER(cusolverDnCreate(&m_h)); }
    ~CusolverHandle() { cusolverDnDestroy(m_h); }
    CusolverHandle(const CusolverHandle&) = delete;
    CusolverHandle& operator=(const CusolverHandle&) = delete;
    cusolverDnHandle_t get() const { return m_h; }

private:
    cusolverDnHandle_t m_h = nullptr;
};

class CudaStream {
public:
    CudaStream() { EXL2_CUDA(cudaStreamCreateWithFlags(&m_s, cudaStreamNonBlocking)); }
    ~CudaStream() { cudaStreamDestroy(m_s); }
    CudaStream(const CudaStream&) = delete;
    CudaStream& operator=(const CudaStream&) = delete;
    cudaStream_t get() const { return m_s; }

private:
    cudaStream_t m_s = nullptr;
};

}  // namespace exl2::cuda
