// What the model page shows about a Hugging Face folder: its config plus the core's summary (size,
// dtype, parameters, RAM/VRAM estimate, converter warnings), after checking every tensor the config
// implies. Reading fails with the core's exl2::Error (file, field, what was expected), shown verbatim.
#pragma once

#include "model/model_check.h"
#include "model/model_config.h"

#include <QString>

#include <filesystem>
#include <string>

namespace exl2 {

struct ModelFacts {
    ModelConfig config;
    ModelSummary summary;
};

// Throws exl2::Error when the folder is not a complete, supported model. rows × length: the
// quantization pass's calibration size the memory estimate is for.
ModelFacts inspectModel(const std::filesystem::path& dir, int rows = 100, int length = 2048);

// The RoPE line of the summary, translated: "theta 10000", "linear ×2, theta 10000", ...
QString describeRope(const ModelConfig& config);

}  // namespace exl2
