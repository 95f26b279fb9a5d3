// The job's private checkpoint format for hidden states (float32) and calibration token ids (int32):
// magic, element type, shape, raw little-endian data, FNV-1a checksum. Written atomically; a torn or
// foreign file is rejected with a Format error instead of being half-read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace exl2 {

struct FloatArray {
    std::vector<int64_t> shape;
    std::vector<float> data;
};
struct IntArray {
    std::vector<int64_t> shape;
    std::vector<int32_t> data;
};

void writeArrayFile(const std::filesystem::path& path, const FloatArray& a);
void writeArrayFile(const std::filesystem::path& path, const IntArray& a);
FloatArray readFloatArrayFile(const std::filesystem::path& path);
IntArray readIntArrayFile(const std::filesystem::path& path);

}  // namespace exl2
