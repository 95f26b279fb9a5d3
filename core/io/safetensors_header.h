// Parsing and full validation of one safetensors file's header (8-byte length, JSON, data offsets).
// Every violation is an Error(Format) naming the file, the tensor and what was expected.
#pragma once

#include "io/safetensors.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace exl2 {

struct SafetensorsHeader {
    std::vector<TensorInfo> tensors;              // in header order; dataOffset is absolute in the file
    std::map<std::string, std::string> metadata;  // "__metadata__"
    uint64_t dataStart = 0;                       // 8 + header length
};

// Largest header accepted, as the reference safetensors library limits it (100 MB).
constexpr uint64_t kMaxSafetensorsHeader = 100'000'000;

// `bytes` is the whole file; `file` names it in messages and is stored in each TensorInfo.
SafetensorsHeader parseSafetensorsHeader(std::span<const uint8_t> bytes, const std::filesystem::path& file);

}  // namespace exl2
