// Reading config.json's "rope_scaling" block into RopeScaling (linear, dynamic, yarn, llama3, longrope/su),
// with the fields each type requires (exl2-pipeline.md 8.3).
#pragma once

#include "model/config_fields.h"
#include "model/model_config.h"

namespace exl2 {

// `config` must already hold maxPositions, headDim and partialRotaryFactor (longrope factor lengths depend on them).
RopeScaling parseRopeScaling(const ConfigFields& fields, const ModelConfig& config);

}  // namespace exl2
