// What a model is, read from its config.json: dimensions, norms, RoPE, the architecture's behaviour flags
// and the tensor names of every module. Parsing and validation live in model_config.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace exl2 {

enum class RopeScalingType { None, Linear, Dynamic, Yarn, Llama3, LongRope };
enum class RopeStyle { NeoX, GptJ, None };
enum class MlpActivation { Silu, GeluTanh, Gelu };

struct RopeScaling {
    RopeScalingType type = RopeScalingType::None;
    double factor = 1.0;                    // linear, dynamic, yarn, llama3
    double lowFreqFactor = 1.0;             // llama3
    double highFreqFactor = 4.0;            // llama3
    double betaFast = 32.0, betaSlow = 1.0; // yarn
    std::optional<double> attentionFactor; // yarn / longrope "attention_factor" when given
    int64_t originalMaxPositions = 0;       // yarn, llama3, longrope
    std::vector<double> longFactor, shortFactor;  // longrope (a.k.a. "su")
};

// Tensor names of one decoder layer (empty = not present in this architecture).
struct LayerKeys {
    std::string prefix;                          // "model.layers.3"
    std::string attnNorm, attnPostNorm, mlpNorm, mlpPostNorm;
    std::string q, k, v, o;                      // each a linear key without ".weight"
    std::string fusedQkv;                        // Phi3: split by rows into q, k, v (q/k/v then name the parts)
    std::string qNorm, kNorm;                    // Qwen3 head norms
    std::string gate, up, down;                  // dense MLP
    std::string fusedGateUp;                     // Phi3: split by rows into gate, up (gate/up name the parts)
    std::string router;                          // MoE router
    std::vector<std::string> expertGate, expertUp, expertDown;  // MoE, one per expert
};

struct ModelConfig {
    std::filesystem::path directory;
    std::string architecture;       // "LlamaForCausalLM", ...
    int64_t hiddenSize = 0;
    int64_t intermediateSize = 0;   // per expert for MoE
    int64_t numLayers = 0;
    int64_t numHeads = 0;
    int64_t numKvHeads = 0;
    int64_t headDim = 0;
    int64_t vocabSize = 0;
    int64_t maxPositions = 2048;
    double normEps = 1e-5;
    double normOffset = 0.0;        // Gemma: RMSNorm weights get +1
    bool tiedEmbeddings = false;
    bool hasLmHeadTensor = true;    // false when tied and lm_head.weight is absent
    bool qkvBias = false, oBias = false, mlpBias = false;
    bool qkNorm = false;            // Qwen3
    bool postNorms = false;         // Gemma2: post-attention and post-feedforward norms
    MlpActivation activation = MlpActivation::Silu;
    int64_t numExperts = 0, expertsPerToken = 0;  // MoE
    double embeddingScale = 1.0;    // Gemma: sqrt(hidden)
    std::optional<double> attnSoftcap, finalSoftcap;  // Gemma2
    std::optional<double> queryPreAttnScalar;         // Gemma2; else 1/sqrt(headDim)
    int64_t slidingWindow = 0;      // 0 = none
    int64_t slidingWindowPattern = 1;
    bool alternatingSlidingWindow = false;  // Gemma2: only some layers use the window (isSlidingLayer)
    RopeStyle ropeStyle = RopeStyle::NeoX;
    double ropeTheta = 10000.0;
    double partialRotaryFactor = 1.0;
    RopeScaling ropeScaling;
    std::optional<int64_t> bosTokenId, eosTokenId, padTokenId;
    std::string torchDtype;         // as declared in config.json ("float16", "bfloat16", "float32"), may be empty

    // Tensor names.
    std::string embedTokens = "model.embed_tokens";
    std::string finalNorm = "model.norm";
    std::string lmHead = "lm_head";  // "model.embed_tokens" when tied and no lm_head tensor
    std::vector<LayerKeys> layers;

    bool isMoe() const { return numExperts > 0; }
    bool isSlidingLayer(int64_t layer) const;  // does this layer attend within slidingWindow only?
    int64_t rotaryDims() const { return int64_t(double(headDim) * partialRotaryFactor); }
};

// Reads <dir>/config.json. Throws exl2::Error naming the file and field on anything missing or malformed;
// an unsupported architecture is an Unsupported error that lists the supported ones.
ModelConfig loadModelConfig(const std::filesystem::path& dir);
ModelConfig parseModelConfig(const std::string& configJson, const std::filesystem::path& dirForMessages);

std::vector<std::string> supportedArchitectures();
const char* ropeScalingTypeName(RopeScalingType t);

}  // namespace exl2
