// Where the forward pass gets its weights: a pair of callbacks, so that an HF safetensors folder, an
// EXL2 folder through a dequantizing loader, or a test's hand-made tensors all look the same.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace exl2 {

class SafetensorsReader;

struct TensorSource {
    std::function<bool(const std::string& name)> contains;
    // The tensor as float32 (row-major) and its shape; throws exl2::Error naming a missing tensor.
    std::function<std::vector<float>(const std::string& name, std::vector<int64_t>& shape)> load;
};

// A source over safetensors data; the reader is kept alive by the source.
TensorSource safetensorsSource(std::shared_ptr<const SafetensorsReader> reader);

}  // namespace exl2
