// Before any work starts: does a model folder's safetensors hold every tensor its config.json implies,
// with the right shapes? And what will converting it cost (parameters, RAM, VRAM) and what would
// exllamav2's converter warn about? Formulas: docs/model-input.md.
#pragma once

#include "io/safetensors.h"
#include "model/model_config.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace exl2 {

struct ExpectedTensor {
    std::string name;            // full key with ".weight" / ".bias"
    std::vector<int64_t> shape;  // [out, in] for linears
};

// Every tensor the config implies, in model order (embedding, layers, final norm, head).
std::vector<ExpectedTensor> expectedTensors(const ModelConfig& config);

// Throws one Error(Model) listing each missing tensor, wrong shape (expected vs found) or non-float dtype.
void checkModelTensors(const ModelConfig& config, const SafetensorsReader& reader);

struct MemoryEstimate {
    uint64_t totalBytes = 0;
    std::vector<std::pair<std::string, uint64_t>> parts;  // what adds up to the total, for display
};

struct ModelSummary {
    int64_t parameterCount = 0;   // every element of every tensor in the files
    int64_t tensorCount = 0;
    std::string dtype;            // "F16", or "BF16 + F32" when mixed (largest share first)
    uint64_t fileBytes = 0;
    int64_t calibrationRows = 0, calibrationLength = 0;
    MemoryEstimate ram, vram;     // for a conversion with those calibration settings
    std::vector<std::string> warnings;  // what exllamav2's converter would flag, one sentence each
};

// rows x length: the quantization pass's calibration size (exl2-convert -r / -l, defaults 100 x 2048).
ModelSummary summarizeModel(const ModelConfig& config, const SafetensorsReader& reader, int64_t rows = 100,
                            int64_t length = 2048);

}  // namespace exl2
