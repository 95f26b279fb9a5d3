// Helpers of the compile stage: the linear keys of a decoder layer, the decoder's bits-per-weight as
// compiled, and the -cf folder (non-tensor files of the source, config.json with quantization_config).
#pragma once

#include "io/safetensors.h"
#include "model/model_config.h"
#include "pipeline/job_context.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace exl2 {

inline constexpr const char* kExllamaVersion = "0.3.2";  // what quantization_config.version claims

std::vector<std::string> attentionLinearKeys(const ModelConfig& c, int layer);  // q, k, v, o
std::vector<std::string> mlpLinearKeys(const ModelConfig& c, int layer);        // (gate,) up, down
std::vector<std::string> moeLinearKeys(const ModelConfig& c, int layer);        // w1, w3, w2 of each expert
// The layer's second module: the MoE experts' linears for an MoE model, else the MLP's.
std::vector<std::string> feedForwardLinearKeys(const ModelConfig& c, int layer);

// Sums the stored bits of packed decoder tensors and the K·N_p weights they encode.
class DecoderBits {
public:
    void addTensor(const std::string& name, const TensorInfo& info);
    double bpw() const { return m_weights ? double(m_bits) / double(m_weights) : 0.0; }

private:
    uint64_t m_bits = 0, m_weights = 0;
    std::map<std::string, int64_t> m_k, m_n;  // per linear key, from q_invperm / q_weight
};

// The quantization_config block (format spec 10.3).
nlohmann::ordered_json quantizationConfig(const JobSettings& s, int rowsUsed);

// Copies the top-level non-tensor files of `src` into `dest` (no *.safetensors, *.bin or their index
// files: they would describe the source's shards) and rewrites config.json with quantization_config.
void copyModelFiles(JobContext& ctx, const std::filesystem::path& src, const std::filesystem::path& dest);

}  // namespace exl2
