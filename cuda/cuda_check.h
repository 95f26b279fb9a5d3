// CUDA, cuBLAS and cuSOLVER failures become exl2::Error(Backend) naming the call, file and line;
// out-of-memory additionally says how much was asked for and how much was free.
#pragma once

#include "util/error.h"

#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <cusolverDn.h>
#include <string>

namespace exl2::cuda {

class CudaError : public Error {
public:
    CudaError(const std::string& call, const char* file, int line, const std::string& what)
        : Error(ErrorCode::Backend, call + " failed at " + file + ":" + std::to_string(line) + ": " + what)
    {
    }
};

[[noreturn]] void throwCuda(cudaError_t e, const char* call, const char* file, int line);
[[noreturn]] void throwCublas(cublasStatus_t s, const char* call, const char* file, int line);
[[noreturn]] void throwCusolver(cusolverStatus_t s, const char* call, const char* file, int line);

}  // namespace exl2::cuda

#define EXL2_CUDA(call)                                                                       \
    do {                                                                                      \
        const cudaError_t e_ = (call);                                                        \
        if (e_ != cudaSuccess) ::exl2::cuda::throwCuda(e_, #call, __FILE__, __LINE__);        \
    } while (0)
#define EXL2_CUBLAS(call)                                                                     \
    do {                                                                                      \
        const cublasStatus_t s_ = (call);                                                     \
        if (s_ != CUBLAS_STATUS_SUCCESS) ::exl2::cuda::throwCublas(s_, #call, __FILE__, __LINE__); \
    } while (0)
#define EXL2_CUSOLVER(call)                                                                   \
    do {                                                                                      \
        const cusolverStatus_t s_ = (call);                                                   \
        if (s_ != CUSOLVER_STATUS_SUCCESS) ::exl2::cuda::throwCusolver(s_, #call, __FILE__, __LINE__); \
    } while (0)
