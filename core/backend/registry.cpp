#include "backend/registry.h"

#include "backend/cpu_backend.h"
#include "util/error.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <mutex>
#include <unistd.h>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

using AbiVersionFn = int (*)();
using DeviceCountFn = int (*)(char* reason, size_t reasonSize);
using DeviceNameFn = int (*)(int device, char* name, size_t nameSize, uint64_t* totalMemory);
using CreateFn = Backend* (*)(int device, char* error, size_t errorSize);
using GemmPeakFn = int (*)(int device, int64_t n, int repeats, double* seconds, char* precision,
                           size_t precisionSize, char* error, size_t errorSize);

struct Plugin {
    bool loaded = false;
    std::string reason;  // why it is not usable
    int deviceCount = 0;
    DeviceNameFn deviceName = nullptr;
    CreateFn create = nullptr;
    GemmPeakFn gemmPeak = nullptr;  // optional: older plugins lack it
};

fs::path executableDir()
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : exe.parent_path();
}

Plugin loadPlugin()
{
    Plugin p;
    std::string tried;
    for (const std::string& path : BackendRegistry::pluginSearchPaths()) {
        if (!fs::exists(path))
            continue;
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            p.reason = std::string("CUDA plugin not loadable: ") + ::dlerror();
            return p;
        }
        auto abi = reinterpret_cast<AbiVersionFn>(::dlsym(handle, "exl2PluginAbiVersion"));
        auto count = reinterpret_cast<DeviceCountFn>(::dlsym(handle, "exl2PluginDeviceCount"));
        p.deviceName = reinterpret_cast<DeviceNameFn>(::dlsym(handle, "exl2PluginDeviceName"));
        p.create = reinterpret_cast<CreateFn>(::dlsym(handle, "exl2PluginCreateBackend"));
        p.gemmPeak = reinterpret_cast<GemmPeakFn>(::dlsym(handle, "exl2PluginGemmPeak"));
        if (!abi || !count || !p.deviceName || !p.create) {
            p.reason = "CUDA plugin " + path + " lacks its entry points";
            return p;
        }
        if (abi() != kBackendPluginAbiVersion) {
            p.reason = "CUDA plugin " + path + " was built for another version of EXL2 Studio";
            return p;
        }
        char reason[512] = {0};
        p.deviceCount = count(reason, sizeof reason);
        p.loaded = true;
        if (p.deviceCount <= 0)
            p.reason = std::string("no CUDA device: ") + reason;
        return p;
    }
    p.reason = "CUDA plugin not installed (looked in the program's lib/exl2-studio folder)";
    return p;
}

const Plugin& plugin()
{
    static std::once_flag once;
    static Plugin p;
    std::call_once(once, [] { p = loadPlugin(); });
    return p;
}

std::string gib(uint64_t bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f GiB", double(bytes) / (1024.0 * 1024.0 * 1024.0));
    return buf;
}

}  // namespace

std::vector<std::string> BackendRegistry::pluginSearchPaths()
{
    std::vector<std::string> paths;
    if (const char* dir = std::getenv("EXL2_PLUGIN_DIR"))
        paths.push_back((fs::path(dir) / "libexl2cuda.so").string());
    const fs::path exeDir = executableDir();
    // <prefix>/bin/../lib/exl2-studio when installed; the build tree mirrors it (build/app/../lib/exl2-studio).
    paths.push_back((exeDir / ".." / "lib" / "exl2-studio" / "libexl2cuda.so").string());
    paths.push_back((exeDir / "libexl2cuda.so").string());
    return paths;
}

std::vector<BackendChoice> BackendRegistry::choices()
{
    std::vector<BackendChoice> list;
    CpuBackend cpu;
    const DeviceInfo info = cpu.info();
    list.push_back({"cpu", info.name + ", " + gib(info.totalMemory) + " RAM", true, {}});
    const Plugin& p = plugin();
    if (p.loaded && p.deviceCount > 0) {
        for (int d = 0; d < p.deviceCount; ++d) {
            char name[256] = {0};
            uint64_t total = 0;
            p.deviceName(d, name, sizeof name, &total);
            list.push_back({"cuda:" + std::to_string(d), std::string(name) + ", " + gib(total), true, {}});
        }
    } else {
        list.push_back({"cuda", "CUDA", false, p.reason});
    }
    return list;
}

std::string BackendRegistry::autoChoice()
{
    const Plugin& p = plugin();
    return (p.loaded && p.deviceCount > 0) ? "cuda:0" : "cpu";
}

namespace {

// The device index of "cuda" / "cuda:N", checked against the plugin's devices.
int cudaDeviceIndex(const std::string& request, const std::string& which)
{
    int device = 0;
    if (which.size() > 4) {
        if (which[4] != ':' || which.size() == 5)
            throw Error(ErrorCode::InvalidArgument, "device '" + request + "': expected cpu, cuda, cuda:N or auto");
        try {
            device = std::stoi(which.substr(5));
        } catch (...) {
            throw Error(ErrorCode::InvalidArgument, "device '" + request + "': expected cpu, cuda, cuda:N or auto");
        }
    }
    const Plugin& p = plugin();
    if (!p.loaded || p.deviceCount <= 0)
        throw Error(ErrorCode::Backend, "device '" + request + "' is not available: " + p.reason);
    if (device < 0 || device >= p.deviceCount)
        throw Error(ErrorCode::InvalidArgument, "device '" + request + "': only " + std::to_string(p.deviceCount) +
                                                    " CUDA device(s) present");
    return device;
}

}  // namespace

std::unique_ptr<Backend> BackendRegistry::create(const std::string& request)
{
    const std::string which = request == "auto" ? autoChoice() : request;
    if (which == "cpu")
        return std::make_unique<CpuBackend>();
    if (which.rfind("cuda", 0) == 0) {
        const int device = cudaDeviceIndex(request, which);
        char error[512] = {0};
        Backend* backend = plugin().create(device, error, sizeof error);
        if (!backend)
            throw Error(ErrorCode::Backend, "cannot start CUDA device " + std::to_string(device) + ": " + error);
        return std::unique_ptr<Backend>(backend);
    }
    throw Error(ErrorCode::InvalidArgument, "device '" + request + "': expected cpu, cuda, cuda:N or auto");
}

GemmPeak BackendRegistry::cudaGemmPeak(const std::string& request, int64_t n, int repeats)
{
    if (request.rfind("cuda", 0) != 0)
        throw Error(ErrorCode::InvalidArgument, "device '" + request + "': the GEMM peak needs cuda or cuda:N");
    const int device = cudaDeviceIndex(request, request);
    const Plugin& p = plugin();
    if (!p.gemmPeak)
        throw Error(ErrorCode::Backend, "the CUDA plugin has no exl2PluginGemmPeak entry point (built before it existed)");
    GemmPeak peak;
    peak.n = n;
    peak.repeats = repeats;
    char precision[128] = {0}, error[512] = {0};
    if (!p.gemmPeak(device, n, repeats, &peak.seconds, precision, sizeof precision, error, sizeof error))
        throw Error(ErrorCode::Backend, "GEMM peak on CUDA device " + std::to_string(device) + ": " + error);
    peak.precision = precision;
    peak.tflops = peak.seconds > 0 ? 2.0 * double(n) * double(n) * double(n) * repeats / peak.seconds / 1e12 : 0.0;
    return peak;
}

}  // namespace exl2
