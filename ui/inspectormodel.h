// What the allocation inspector works on: a measurement's optimizer problem (with the bit costs the
// converter itself uses when the model folder is known) and the model's fixed parts, which turn a target
// bpw into an output file size or a VRAM estimate and back. No Qt: plain data and functions.
#pragma once

#include "optimize/measurement.h"
#include "optimize/problem.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace exl2 {

// Sizes of one model. Without a model folder only the decoder weights are known (fixed parts are 0).
struct InspectorSizes {
    bool haveModel = false;
    uint64_t decoderNumel = 0;     // K x padded N over every attention/MLP linear
    uint64_t embeddingBytes = 0;   // fp16, as the compile stage writes it
    uint64_t normBytes = 0;        // every norm weight/bias, fp16
    int64_t headK = 0, headN = 0;  // lm_head (hidden x padded vocab), quantized at the head bits
    int64_t layers = 0, hidden = 0, intermediate = 0, vocab = 0, kvHeads = 0, headDim = 0;

    uint64_t headBytes(int headBits) const;
    uint64_t fixedBytes(int headBits) const;  // embeddings + norms + head
    // Output .safetensors bytes (tensor data) at a decoder bpw, and its inverse.
    uint64_t fileBytes(double bpw, int headBits) const;
    double bpwForFileBytes(double bytes, int headBits) const;
    // VRAM estimate = file bytes + cacheBytes + scratchBytes (docs/inspector.md gives the formula).
    uint64_t cacheBytes(int64_t contextLength) const;
    uint64_t scratchBytes(int64_t contextLength) const;
    uint64_t vramBytes(double bpw, int headBits, int64_t contextLength) const;
    double bpwForVramBytes(double bytes, int headBits, int64_t contextLength) const;
};

struct InspectorInput {
    std::filesystem::path measurementPath, modelDir;
    Measurement measurement;
    OptimizerProblem reference;  // records as measured: what an exported strategy holds
    OptimizerProblem problem;    // what the optimizer sees: stored bits when the model is known (as the pipeline)
    InspectorSizes sizes;
};

// Reads the measurement and, when modelDir is not empty, config.json and the tensor index of the model.
// Throws exl2::Error naming the file (bad measurement, wrong model, missing tensor).
InspectorInput loadInspectorInput(const std::filesystem::path& measurementPath, const std::filesystem::path& modelDir);

// Layer index of a slot key ("model.layers.12.mlp" -> 12), -1 when there is none.
int inspectorLayerOf(const std::string& key);
bool inspectorIsAttention(const std::string& key);

}  // namespace exl2
