// The plugin's optional entry point exl2PluginGemmPeak: times square SGEMMs on device-resident operands with
// the backend's own math mode, so the GPU benchmark can compare its achieved throughput with what cuBLAS
// reaches on this card without host transfers. Never throws: failures go to the error buffer.
#include "device_buffer.h"

#include <cstdint>
#include <cstdio>
#include <exception>

namespace {

// Owns the two events; destroyed on every path out.
struct EventPair {
    cudaEvent_t start = nullptr, stop = nullptr;
    EventPair()
    {
        EXL2_CUDA(cudaEventCreate(&start));
        EXL2_CUDA(cudaEventCreate(&stop));
    }
    ~EventPair()
    {
        cudaEventDestroy(start);
        cudaEventDestroy(stop);
    }
    EventPair(const EventPair&) = delete;
    EventPair& operator=(const EventPair&) = delete;
};

double timeSgemm(int device, int64_t n, int repeats)
{
    using namespace exl2::cuda;
    EXL2_CUDA(cudaSetDevice(device));
    CudaStream stream;
    CublasHandle cublas;
    EXL2_CUBLAS(cublasSetStream(cublas.get(), stream.get()));
    EXL2_CUBLAS(cublasSetMathMode(cublas.get(), CUBLAS_PEDANTIC_MATH));  // as CudaBackend: fp32, no TF32
    const size_t count = size_t(n) * size_t(n);
    DeviceBuffer<float> a(count, "peak SGEMM operand A"), b(count, "peak SGEMM operand B"), c(count, "peak SGEMM result");
    // 0x3c bytes are the float 0.0115: finite, non-zero operands without a fill kernel.
    EXL2_CUDA(cudaMemsetAsync(a.get(), 0x3c, count * sizeof(float), stream.get()));
    EXL2_CUDA(cudaMemsetAsync(b.get(), 0x3c, count * sizeof(float), stream.get()));
    const float alpha = 1.0f, beta = 0.0f;
    const int dim = int(n);
    auto run = [&] {
        EXL2_CUBLAS(cublasSgemm(cublas.get(), CUBLAS_OP_N, CUBLAS_OP_N, dim, dim, dim, &alpha, a.get(), dim, b.get(),
                                dim, &beta, c.get(), dim));
    };
    run();  // warm-up: heuristics, kernel load, clocks
    EventPair ev;
    EXL2_CUDA(cudaEventRecord(ev.start, stream.get()));
    for (int i = 0; i < repeats; ++i)
        run();
    EXL2_CUDA(cudaEventRecord(ev.stop, stream.get()));
    EXL2_CUDA(cudaEventSynchronize(ev.stop));
    float ms = 0.0f;
    EXL2_CUDA(cudaEventElapsedTime(&ms, ev.start, ev.stop));
    return double(ms) / 1000.0;
}

}  // namespace

extern "C" {

// Seconds for `repeats` n×n×n SGEMMs (after one warm-up) into *seconds; the precision used into `precision`.
// Returns 1 on success, 0 with a message in `error`.
__attribute__((visibility("default"))) int exl2PluginGemmPeak(int device, int64_t n, int repeats, double* seconds,
                                                               char* precision, size_t precisionSize, char* error,
                                                               size_t errorSize)
{
    try {
        if (n <= 0 || n > 65536 || repeats <= 0 || !seconds)
            throw exl2::Error(exl2::ErrorCode::InvalidArgument, "gemm peak: expected 0 < n <= 65536 and repeats > 0");
        *seconds = timeSgemm(device, n, repeats);
        if (precision && precisionSize)
            std::snprintf(precision, precisionSize, "fp32 (cublasSgemm, CUBLAS_PEDANTIC_MATH: no TF32)");
        return 1;
    } catch (const std::exception& e) {
        if (error && errorSize)
            std::snprintf(error, errorSize, "%s", e.what());
        return 0;
    }
}

}  // extern "C"
