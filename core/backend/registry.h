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
    // Where the plugin is looked for (EXL2_PLUGIN_DIR overrides); exposed for diagnostics.
    static std::vector<std::string> pluginSearchPaths();
};

}  // namespace exl2
