// Reading a converted EXL2 folder back for evaluation: a TensorSource that dequantizes every packed
// linear (KEY.q_weight, ...) to KEY.weight as the forward pass expects. Used by the e2e tests and
// `exl2-tool ppl` (perplexity itself is forward/perplexity.h).
#pragma once

#include "forward/tensor_source.h"
#include "model/model_config.h"

#include <filesystem>

namespace exl2 {

// `dir` holds output*.safetensors (and config.json for loadModelConfig). Packed linears are dequantized
// (fp16 values) and cut back from their 32-padded width to the config's output features.
TensorSource exl2TensorSource(const std::filesystem::path& dir, const ModelConfig& config);

// True when dir/config.json says "quantization_config": {"quant_method": "exl2", ...}; false for an HF
// folder, a missing or unparsable config.json.
bool isExl2Folder(const std::filesystem::path& dir);

}  // namespace exl2
