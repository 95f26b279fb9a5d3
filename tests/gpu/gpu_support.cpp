#include "gpu_support.h"

#include "backend/registry.h"
#include "util/error.h"

#include <cstdlib>
#include <exception>
#include <vector>

namespace exl2gpu {
namespace fs = std::filesystem;

fs::path executableDir()
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path() : exe.parent_path();
}

fs::path buildDir() { return executableDir().parent_path().parent_path(); }

fs::path findFixtures(std::string& tried)
{
    std::vector<fs::path> candidates;
    if (const char* dir = std::getenv("EXL2_FIXTURES_DIR"); dir && *dir)
        candidates.emplace_back(dir);
    candidates.push_back(executableDir() / "fixtures");       // the device bundle (build-gpu/device)
    candidates.push_back(buildDir() / "device" / "fixtures"); // a build folder's own copy
#ifdef EXL2_SHARED_DIR
    candidates.emplace_back(EXL2_SHARED_DIR);
#endif
    tried.clear();
    for (const fs::path& dir : candidates) {
        std::error_code ec;
        if (fs::exists(dir / "models" / "stories260k" / "config.json", ec) &&
            fs::exists(dir / "data" / "tinystories_val_sample.txt", ec))
            return dir;
        tried += (tried.empty() ? "" : ", ") + dir.string();
    }
    return {};
}

fs::path scratchDir(const std::string& name)
{
    const char* env = std::getenv("EXL2_SCRATCH_DIR");
    const fs::path dir = (env && *env ? fs::path(env) : buildDir() / "test-scratch") / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

int64_t envInt(const char* name, int64_t fallback, int64_t min, int64_t max)
{
    const char* text = std::getenv(name);
    if (!text || !*text)
        return fallback;
    char* end = nullptr;
    const long long v = std::strtoll(text, &end, 10);
    if (*end != '\0' || v < min || v > max)
        throw exl2::Error(exl2::ErrorCode::InvalidArgument, std::string(name) + "='" + text + "': expected an integer from " +
                                                                std::to_string(min) + " to " + std::to_string(max));
    return v;
}

std::string deviceUnderTest()
{
    const char* env = std::getenv("EXL2_GPU_CHECK_DEVICE");
    return env && *env ? env : "cuda";
}

std::unique_ptr<exl2::Backend> openDevice(std::string& reason)
{
    try {
        return exl2::BackendRegistry::create(deviceUnderTest());
    } catch (const std::exception& e) {
        reason = e.what();
        return nullptr;
    }
}

}  // namespace exl2gpu
