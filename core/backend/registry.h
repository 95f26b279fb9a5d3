// The one place backends are registered: the CPU backend always, the CUDA backend when its plugin
// module (libexl2cuda.so) loads at run time and a device answers. Nothing else in core/ knows about CUDA.
#pragma once

#include "backend/backend.h"

#include <memory>
#include <string>
#include <vector>

namespace exl2 {

struct BackendChoice {
    std::string id;          // "cpu", "cuda:0", ...
    std::string description; // device name and memory, for people
    bool available = false;
    std::string unavailableReason; // why not, when !available
};

// What the device's own SGEMM reaches on device-resident operands (no host transfers).
struct GemmPeak {
    int64_t n = 0;          // n×n×n
    int repeats = 0;
    double seconds = 0;     // for all repeats
    double tflops = 0;      // 2·n³·repeats / seconds / 1e12
    std::string precision;  // as the plugin reports it, e.g. "fp32 (cublasSgemm, ...)"
};

// The plugin's C entry points (see cuda/plugin_api.cpp). Bump the version on any interface change.
inline constexpr int kBackendPluginAbiVersion = 2; // 2: layer-level ops

class BackendRegistry {
public:
    // Lists the CPU backend and every CUDA device (or why CUDA is unavailable). Cheap after the first call.
    static std::vector<BackendChoice> choices();
    // "auto" picks the first CUDA device when there is one, else the CPU; "cpu"; "cuda" or "cuda:N".
    // Throws exl2::Error(InvalidArgument/Backend) naming the request and the reason it cannot be met.
    static std::unique_ptr<Backend> create(const std::string& request);
    // What "auto" resolves to right now.
    static std::string autoChoice();
    // Times `repeats` square SGEMMs of size n on a CUDA device ("cuda" or "cuda:N") with the backend's math
    // mode, through the plugin's optional exl2PluginGemmPeak entry point (for the GPU benchmark). Throws
    // Error(Backend) when there is no such device or the plugin lacks the entry point.
    static GemmPeak cudaGemmPeak(const std::string& device, int64_t n, int repeats);
    // Where the plugin is looked for (EXL2_PLUGIN_DIR overrides); exposed for diagnostics.
    static std::vector<std::string> pluginSearchPaths();
};

}  // namespace exl2
