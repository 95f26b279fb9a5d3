// Builders of broken inputs for the reliability catalogue: a copy of the stories260k model folder whose
// safetensors tensors (or raw bytes) are changed before writing, and small helpers to write files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace exl2test {

struct StTensor {
    std::string name;
    std::string dtype;             // as written in the header ("F32", or anything for bad cases)
    std::vector<int64_t> shape;
    std::string bytes;             // raw data
};

// Tensors of a safetensors file in header order (the file must be valid).
std::vector<StTensor> readTensors(const std::filesystem::path& file);
// Writes a well-formed safetensors file with contiguous data in the given order.
void writeTensors(const std::filesystem::path& file, const std::vector<StTensor>& tensors);

// Copies config.json and the tokenizer files of stories260k into `dir` and writes model.safetensors from its
// tensors after `mutate` changed them (an empty function keeps the model intact).
void writeStoriesModel(const std::filesystem::path& dir,
                       const std::function<void(std::vector<StTensor>&)>& mutate = {});

void writeBytes(const std::filesystem::path& file, const std::string& bytes);
std::string readBytes(const std::filesystem::path& file);

}  // namespace exl2test
