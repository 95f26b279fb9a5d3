// The plugin's C entry points, resolved by core/backend/registry.cpp with dlsym. Nothing here throws:
// failures are reported through the error buffers.
#include "backend/registry.h"
#include "cuda_backend.h"

#include <cstdio>
#include <cstring>

namespace {

void copyMessage(char* buffer, size_t size, const std::string& message)
{
    if (buffer && size)
        std::snprintf(buffer, size, "%s", message.c_str());
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int exl2PluginAbiVersion() { return exl2::kBackendPluginAbiVersion; }

__attribute__((visibility("default"))) int exl2PluginDeviceCount(char* reason, size_t reasonSize)
{
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) {
        copyMessage(reason, reasonSize, std::string(cudaGetErrorName(e)) + ": " + cudaGetErrorString(e));
        cudaGetLastError();
        return 0;
    }
    if (count == 0)
        copyMessage(reason, reasonSize, "the CUDA driver reports no device");
    return count;
}

__attribute__((visibility("default"))) int exl2PluginDeviceName(int device, char* name, size_t nameSize,
                                                                 uint64_t* totalMemory)
{
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, device) != cudaSuccess) {
        cudaGetLastError();
        copyMessage(name, nameSize, "unknown CUDA device");
        return 0;
    }
    copyMessage(name, nameSize, prop.name);
    if (totalMemory)
        *totalMemory = prop.totalGlobalMem;
    return 1;
}

__attribute__((visibility("default"))) exl2::Backend* exl2PluginCreateBackend(int device, char* error, size_t errorSize)
{
    try {
        return new exl2::cuda::CudaBackend(device);
    } catch (const std::exception& e) {
        copyMessage(error, errorSize, e.what());
        return nullptr;
    }
}

}  // extern "C"
