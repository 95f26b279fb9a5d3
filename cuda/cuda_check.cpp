#include "cuda_check.h"

namespace exl2::cuda {

void throwCuda(cudaError_t e, const char* call, const char* file, int line)
{
    throw CudaError(call, file, line, std::string(cudaGetErrorName(e)) + ": " + cudaGetErrorString(e));
}

void throwCublas(cublasStatus_t s, const char* call, const char* file, int line)
{
    throw CudaError(call, file, line, std::string("cuBLAS status ") + cublasGetStatusName(s) + ": " + cublasGetStatusString(s));
}

void throwCusolver(cusolverStatus_t s, const char* call, const char* file, int line)
{
    throw CudaError(call, file, line, "cuSOLVER status " + std::to_string(int(s)));
}

}  // namespace exl2::cuda
