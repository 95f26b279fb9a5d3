#include "model/model_config.h"

#include "io/safetensors.h"
#include "model/config_fields.h"
#include "model/rope_config.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <cmath>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

enum class Arch { Llama, Mistral, Qwen2, Qwen3, Mixtral, Gemma2, Phi3 };

struct ArchEntry {
    const char* name;
    Arch arch;
};
const ArchEntry kArchitectures[] = {
    {"LlamaForCausalLM", Arch::Llama},     {"MistralForCausalLM", Arch::Mistral}, {"Qwen2ForCausalLM", Arch::Qwen2},
    {"Qwen3ForCausalLM", Arch::Qwen3},     {"MixtralForCausalLM", Arch::Mixtral}, {"Gemma2ForCausalLM", Arch::Gemma2},
    {"Phi3ForCausalLM", Arch::Phi3},
};

std::string supportedList()
{
    std::string out;
    for (const auto& a : kArchitectures)
        out += (out.empty() ? "" : ", ") + std::string(a.name);
    return out;
}

Arch readArchitecture(const ConfigFields& f, ModelConfig& c)
{
    const auto it = f.root().find("architectures");
    if (it == f.root().end() || !it->is_array() || it->size() != 1 || !(*it)[0].is_string())
        f.fail("architectures", "must be a list with exactly one architecture name (supported: " + supportedList() + ")");
    c.architecture = (*it)[0].get<std::string>();
    for (const auto& a : kArchitectures)
        if (c.architecture == a.name)
            return a.arch;
    throw Error(ErrorCode::Unsupported, f.file().string() + ": architecture \"" + c.architecture +
                                            "\" is not supported; supported architectures: " + supportedList());
}

std::optional<int64_t> tokenId(const ConfigFields& f, const char* key)
{
    const auto* v = f.find({key});
    if (!v)
        return std::nullopt;
    if (v->is_array()) {  // several EOS ids: the first is the primary one
        if (v->empty())
            return std::nullopt;
        return f.toInt((*v)[0], key);
    }
    return f.toInt(*v, key);
}

// Ceilings far above any released model (Llama 3.1 405B: 126 layers, hidden 16384, intermediate 53248;
// Gemma: vocabulary 256k; DeepSeek-V3: 256 experts). A value beyond one is a damaged or hostile file, and
// believing it would make the loader build per-layer tables of that size before any other check.
void checkCeilings(const ConfigFields& f, const ModelConfig& c)
{
    const std::pair<const char*, std::pair<int64_t, int64_t>> limits[] = {
        {"num_hidden_layers", {c.numLayers, 1024}},        {"hidden_size", {c.hiddenSize, 1 << 17}},
        {"num_attention_heads", {c.numHeads, 4096}},       {"head_dim", {c.headDim, 4096}},
        {"intermediate_size", {c.intermediateSize, 1 << 20}}, {"vocab_size", {c.vocabSize, 1 << 23}},
        {"num_local_experts", {c.numExperts, 4096}},
    };
    for (const auto& [field, valueAndMax] : limits)
        if (valueAndMax.first > valueAndMax.second)
            f.fail(field, "(" + std::to_string(valueAndMax.first) + ") is beyond any real model (expected at most " +
                              std::to_string(valueAndMax.second) + ")");
}

void readDimensions(const ConfigFields& f, Arch arch, ModelConfig& c)
{
    c.hiddenSize = f.requiredInt({"hidden_size", "d_model", "n_embd"});
    c.numLayers = f.requiredInt({"num_hidden_layers", "n_layers", "n_layer"});
    c.numHeads = f.requiredInt({"num_attention_heads", "n_heads", "n_head"});
    c.numKvHeads = f.positiveInt({"num_key_value_heads"}, c.numHeads);
    if (c.numHeads % c.numKvHeads != 0)
        f.fail("num_key_value_heads", "(" + std::to_string(c.numKvHeads) + ") must divide num_attention_heads (" +
                                          std::to_string(c.numHeads) + ")");
    if (!f.find({"head_dim"}) && c.hiddenSize % c.numHeads != 0)
        f.fail("head_dim", "is missing and hidden_size " + std::to_string(c.hiddenSize) +
                               " is not divisible by num_attention_heads " + std::to_string(c.numHeads));
    c.headDim = f.positiveInt({"head_dim"}, c.hiddenSize / c.numHeads);
    c.vocabSize = f.requiredInt({"vocab_size"});
    c.intermediateSize = f.requiredInt({"intermediate_size"});
    c.maxPositions = f.positiveInt(
        {"max_sequence_length", "model_max_length", "max_position_embeddings", "max_seq_len", "n_positions"}, 2048);
    if (arch == Arch::Mixtral) {
        c.numExperts = f.requiredInt({"num_local_experts"});
        c.expertsPerToken = f.requiredInt({"num_experts_per_tok"});
        if (c.expertsPerToken > c.numExperts)
            f.fail("num_experts_per_tok", "(" + std::to_string(c.expertsPerToken) + ") exceeds num_local_experts (" +
                                              std::to_string(c.numExperts) + ")");
    }
    checkCeilings(f, c);
}

void readBehaviour(const ConfigFields& f, Arch arch, ModelConfig& c)
{
    const bool gemma = arch == Arch::Gemma2;
    c.normEps = f.optDouble({"rms_norm_eps"}).value_or(arch == Arch::Mixtral || arch == Arch::Phi3 ? 1e-5 : 1e-6);
    if (!(c.normEps > 0))
        f.fail("rms_norm_eps", "must be positive");
    c.ropeTheta = f.optDouble({"rope_theta"}).value_or(10000.0);
    if (!(c.ropeTheta > 0))
        f.fail("rope_theta", "must be positive");
    c.partialRotaryFactor = f.optDouble({"partial_rotary_factor"}).value_or(1.0);
    if (!(c.partialRotaryFactor > 0 && c.partialRotaryFactor <= 1))
        f.fail("partial_rotary_factor", "must be in (0, 1]");
    c.tiedEmbeddings = f.optBool({"tie_word_embeddings"}).value_or(gemma);
    const bool attentionBias = f.optBool({"attention_bias"}).value_or(false);
    c.qkvBias = arch == Arch::Qwen2 || attentionBias;
    c.oBias = arch != Arch::Qwen2 && attentionBias;
    c.mlpBias = f.optBool({"mlp_bias"}).value_or(false);
    c.qkNorm = arch == Arch::Qwen3 && f.optBool({"use_qk_norm"}).value_or(true);
    c.bosTokenId = tokenId(f, "bos_token_id");
    c.eosTokenId = tokenId(f, "eos_token_id");
    c.padTokenId = tokenId(f, "pad_token_id");
    c.torchDtype = f.optString({"torch_dtype", "dtype"}).value_or("");

    // Qwen2/Qwen3 declare a window but only use it with use_sliding_window.
    c.slidingWindow = f.optInt({"sliding_window", "sliding_window_size"}).value_or(0);
    if (f.optBool({"use_sliding_window"}) == false)
        c.slidingWindow = 0;
    if (c.slidingWindow < 0)
        f.fail("sliding_window", "must not be negative");
    c.slidingWindowPattern = f.positiveInt({"sliding_window_pattern"}, 1);

    if (gemma) {
        c.normOffset = 1.0;
        c.postNorms = true;
        c.activation = MlpActivation::GeluTanh;
        c.embeddingScale = std::sqrt(double(c.hiddenSize));
        c.attnSoftcap = f.optDouble({"attn_logit_softcapping"});
        c.finalSoftcap = f.optDouble({"final_logit_softcapping"});
        c.queryPreAttnScalar = f.optDouble({"query_pre_attn_scalar"});
        c.alternatingSlidingWindow = c.slidingWindow > 0;
        c.tiedEmbeddings = true;  // Gemma always reads its head from the embedding
    }
}

LayerKeys layerKeys(Arch arch, const ModelConfig& c, int64_t i)
{
    LayerKeys k;
    k.prefix = "model.layers." + std::to_string(i);
    const std::string attn = k.prefix + ".self_attn.", mlp = k.prefix + ".mlp.";
    k.attnNorm = k.prefix + ".input_layernorm";
    k.mlpNorm = k.prefix + ".post_attention_layernorm";
    k.q = attn + "q_proj";
    k.k = attn + "k_proj";
    k.v = attn + "v_proj";
    k.o = attn + "o_proj";
    k.gate = mlp + "gate_proj";
    k.up = mlp + "up_proj";
    k.down = mlp + "down_proj";
    if (arch == Arch::Gemma2) {
        k.attnPostNorm = k.prefix + ".post_attention_layernorm";
        k.mlpNorm = k.prefix + ".pre_feedforward_layernorm";
        k.mlpPostNorm = k.prefix + ".post_feedforward_layernorm";
    }
    if (c.qkNorm) {
        k.qNorm = attn + "q_norm";
        k.kNorm = attn + "k_norm";
    }
    if (arch == Arch::Phi3) {
        k.fusedQkv = attn + "qkv_proj";
        k.fusedGateUp = mlp + "gate_up_proj";
    }
    if (arch == Arch::Mixtral) {
        const std::string moe = k.prefix + ".block_sparse_moe.";
        k.gate = k.up = k.down = "";
        k.router = moe + "gate";
        for (int64_t e = 0; e < c.numExperts; ++e) {
            const std::string ex = moe + "experts." + std::to_string(e) + ".";
            k.expertGate.push_back(ex + "w1");
            k.expertUp.push_back(ex + "w3");
            k.expertDown.push_back(ex + "w2");
        }
    }
    return k;
}

}  // namespace

bool ModelConfig::isSlidingLayer(int64_t layer) const
{
    if (slidingWindow <= 0)
        return false;
    if (slidingWindowPattern > 1)
        return (layer + 1) % slidingWindowPattern != 0;
    return alternatingSlidingWindow ? layer % 2 == 0 : true;
}

std::vector<std::string> supportedArchitectures()
{
    std::vector<std::string> out;
    for (const auto& a : kArchitectures)
        out.push_back(a.name);
    return out;
}

const char* ropeScalingTypeName(RopeScalingType t)
{
    switch (t) {
    case RopeScalingType::None: return "none";
    case RopeScalingType::Linear: return "linear";
    case RopeScalingType::Dynamic: return "dynamic";
    case RopeScalingType::Yarn: return "yarn";
    case RopeScalingType::Llama3: return "llama3";
    case RopeScalingType::LongRope: return "longrope";
    }
    return "none";
}

ModelConfig parseModelConfig(const std::string& configJson, const fs::path& dirForMessages)
{
    const fs::path file = dirForMessages / "config.json";
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(configJson);
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Format, file.string() + ": not valid JSON: " + e.what());
    }
    if (!root.is_object())
        throw Error(ErrorCode::Format, file.string() + ": must be a JSON object");
    const ConfigFields f(root, file);

    ModelConfig c;
    c.directory = dirForMessages;
    const Arch arch = readArchitecture(f, c);
    readDimensions(f, arch, c);
    readBehaviour(f, arch, c);
    c.ropeScaling = parseRopeScaling(f, c);
    if (c.tiedEmbeddings) {
        c.hasLmHeadTensor = false;
        c.lmHead = c.embedTokens;
    }
    for (int64_t i = 0; i < c.numLayers; ++i)
        c.layers.push_back(layerKeys(arch, c, i));
    return c;
}

ModelConfig loadModelConfig(const fs::path& dir)
{
    const fs::path file = dir / "config.json";
    if (!fs::is_regular_file(file))
        throw Error(ErrorCode::Io, file.string() + ": not found (expected a Hugging Face model folder)");
    ModelConfig c = parseModelConfig(readFile(file), dir);
    // A tied model may still ship lm_head.weight; exllamav2 prefers it when present.
    if (c.tiedEmbeddings) {
        bool haveWeights = false;
        for (const auto& e : fs::directory_iterator(dir))
            haveWeights = haveWeights || e.path().extension() == ".safetensors";
        if (haveWeights && SafetensorsReader::open(dir).contains("lm_head.weight")) {
            c.hasLmHeadTensor = true;
            c.lmHead = "lm_head";
        }
    }
    return c;
}

}  // namespace exl2
