// writeDemoModel() / writeDemoMoeModel(): config and weights of the synthetic demo models (dense Llama,
// Mixtral-style MoE). Weights are heavy-tailed (Student-t with 4 degrees of freedom), scaled per layer and
// per module, with a few outlier input channels and norms near 1, so quantization meets what it meets in
// real checkpoints. Only +, *, / and sqrt are used (IEEE-exact), and float contraction is off in this
// build, so the bytes do not depend on the C library.
#include "model/demo_model.h"

#include "io/safetensors_writer.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

namespace exl2 {
namespace {

using S = DemoModelShape;
using Json = nlohmann::ordered_json;

// SplitMix64: tiny, well-mixed and fully specified, unlike the standard library's distributions.
class DemoRng {
public:
    explicit DemoRng(uint64_t seed) : m_state(seed) {}
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)
    // Irwin-Hall: the sum of 12 uniforms minus 6 is close to N(0, 1) and needs no transcendental function.
    double normal()
    {
        double s = 0;
        for (int i = 0; i < 12; ++i)
            s += uniform();
        return s - 6.0;
    }
    // Student-t, 4 degrees of freedom, rescaled to unit variance (var of t4 is 2).
    double studentT4()
    {
        double chi = 0;
        for (int i = 0; i < 4; ++i) {
            const double z = normal();
            chi += z * z;
        }
        return normal() / std::sqrt(chi / 4.0 + 1e-12) / std::sqrt(2.0);
    }

private:
    uint64_t m_state;
};

uint64_t seedFor(const std::string& name)
{
    uint64_t h = 1469598103934665603ull;  // FNV-1a: each tensor's values are independent of generation order
    for (unsigned char c : name)
        h = (h ^ c) * 1099511628211ull;
    return h ^ 0x5EED0000E12ull;
}

// Runtime copy of a shape struct, so one generator writes both variants.
struct Shape {
    int64_t hidden, intermediate, layers, heads, kvHeads, headDim, vocab, maxPositions, experts, expertsPerToken;
};
constexpr Shape kDense{S::hidden, S::intermediate, S::layers, S::heads, S::kvHeads, S::headDim, S::vocab, S::maxPositions, 0, 0};
using M = DemoMoeShape;
constexpr Shape kMoe{M::hidden,  M::intermediate, M::layers,  M::heads,   M::kvHeads,
                     M::headDim, M::vocab,        M::maxPositions, M::experts, M::expertsPerToken};

// The hidden-state channels real models route large activations through; inputs read from them are amplified.
std::vector<int64_t> outlierChannels() { return {17, 90, 141, 230}; }

std::vector<float> linearWeights(const std::string& name, int64_t rows, int64_t cols, double scale, bool hiddenInput)
{
    DemoRng rng(seedFor(name));
    std::vector<float> w(static_cast<size_t>(rows * cols));
    for (auto& v : w)
        v = float(scale * rng.studentT4());
    if (hiddenInput)
        for (int64_t c : outlierChannels())
            for (int64_t r = 0; r < rows && c < cols; ++r)
                w[size_t(r * cols + c)] *= 6.0f;
    return w;
}

std::vector<float> normWeights(const std::string& name, int64_t size, double spread)
{
    DemoRng rng(seedFor(name));
    std::vector<float> w(static_cast<size_t>(size));
    for (auto& v : w)
        v = float(1.0 + spread * rng.normal());
    return w;
}

void addWeights(SafetensorsWriter& out, const Shape& s)
{
    const double invH = 1.0 / std::sqrt(double(s.hidden)), invI = 1.0 / std::sqrt(double(s.intermediate));
    auto linear = [&](const std::string& key, int64_t rows, int64_t cols, double scale, bool hiddenInput) {
        out.addFloats(key + ".weight", DType::F16, {rows, cols}, linearWeights(key, rows, cols, scale, hiddenInput));
    };
    auto norm = [&](const std::string& key, double spread) {
        out.addFloats(key + ".weight", DType::F16, {s.hidden}, normWeights(key, s.hidden, spread));
    };
    linear("model.embed_tokens", s.vocab, s.hidden, 0.02, false);
    for (int64_t l = 0; l < s.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l);
        const double layerScale = 0.7 + 0.2 * double(l);  // deeper layers carry larger weights, as in trained models
        const int64_t qRows = s.heads * s.headDim, kvRows = s.kvHeads * s.headDim;
        norm(p + ".input_layernorm", 0.05);
        norm(p + ".post_attention_layernorm", 0.08);
        linear(p + ".self_attn.q_proj", qRows, s.hidden, 1.2 * layerScale * invH, true);
        linear(p + ".self_attn.k_proj", kvRows, s.hidden, 1.2 * layerScale * invH, true);
        linear(p + ".self_attn.v_proj", kvRows, s.hidden, 0.6 * layerScale * invH, true);
        linear(p + ".self_attn.o_proj", s.hidden, qRows, 0.5 * layerScale * invH, false);
        if (s.experts == 0) {
            linear(p + ".mlp.gate_proj", s.intermediate, s.hidden, layerScale * invH, true);
            linear(p + ".mlp.up_proj", s.intermediate, s.hidden, 0.8 * layerScale * invH, true);
            linear(p + ".mlp.down_proj", s.hidden, s.intermediate, 0.5 * layerScale * invI, false);
            continue;
        }
        // Router logits of a few units spread the tokens over all experts (each one gets calibration data).
        const std::string moe = p + ".block_sparse_moe";
        linear(moe + ".gate", s.experts, s.hidden, 2.0 * invH, false);
        for (int64_t e = 0; e < s.experts; ++e) {
            const std::string ex = moe + ".experts." + std::to_string(e);
            const double expertScale = layerScale * (0.8 + 0.1 * double(e));
            linear(ex + ".w1", s.intermediate, s.hidden, expertScale * invH, true);
            linear(ex + ".w3", s.intermediate, s.hidden, 0.8 * expertScale * invH, true);
            linear(ex + ".w2", s.hidden, s.intermediate, 0.5 * expertScale * invI, false);
        }
    }
    norm("model.norm", 0.1);
    linear("lm_head", s.vocab, s.hidden, invH, true);
}

std::string configJson(const Shape& s)
{
    Json c;
    c["architectures"] = {s.experts ? "MixtralForCausalLM" : "LlamaForCausalLM"};
    c["model_type"] = s.experts ? "mixtral" : "llama";
    c["hidden_size"] = s.hidden;
    c["intermediate_size"] = s.intermediate;
    c["num_hidden_layers"] = s.layers;
    c["num_attention_heads"] = s.heads;
    c["num_key_value_heads"] = s.kvHeads;
    c["head_dim"] = s.headDim;
    if (s.experts) {
        c["num_local_experts"] = s.experts;
        c["num_experts_per_tok"] = s.expertsPerToken;
    }
    c["vocab_size"] = s.vocab;
    c["max_position_embeddings"] = s.maxPositions;
    c["hidden_act"] = "silu";
    c["rms_norm_eps"] = 1e-05;
    c["rope_theta"] = 10000.0;
    c["rope_scaling"] = nullptr;
    c["attention_bias"] = false;
    if (!s.experts)
        c["mlp_bias"] = false;
    c["tie_word_embeddings"] = false;
    c["bos_token_id"] = 1;
    c["eos_token_id"] = 2;
    c["torch_dtype"] = "float16";
    c["exl2_studio_demo"] = "synthetic weights, not a trained model";
    return c.dump(2) + "\n";
}

std::string tokenizerConfigJson()
{
    Json added = Json::object();
    const char* names[] = {"<unk>", "<s>", "</s>"};
    for (int i = 0; i < 3; ++i)
        added[std::to_string(i)] = {{"content", names[i]}, {"lstrip", false}, {"normalized", false},
                                    {"rstrip", false},      {"single_word", false}, {"special", true}};
    Json t;
    t["add_bos_token"] = true;
    t["add_eos_token"] = false;
    t["added_tokens_decoder"] = added;
    t["bos_token"] = "<s>";
    t["eos_token"] = "</s>";
    t["unk_token"] = "<unk>";
    t["pad_token"] = nullptr;
    t["clean_up_tokenization_spaces"] = false;
    t["legacy"] = true;
    t["model_max_length"] = S::maxPositions;
    t["tokenizer_class"] = "LlamaTokenizer";
    return t.dump(2) + "\n";
}

}  // namespace

namespace {

void writeModel(const std::filesystem::path& dir, const Shape& shape)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (!std::filesystem::is_directory(dir))
        throw Error(ErrorCode::Io, "cannot create folder " + dir.string() + (ec ? ": " + ec.message() : ""));
    SafetensorsWriter weights;
    addWeights(weights, shape);
    weights.write(dir / "model.safetensors");
    writeFileAtomically(dir / "config.json", configJson(shape));
    writeFileAtomically(dir / "generation_config.json",
                        Json{{"_from_model_config", true}, {"bos_token_id", 1}, {"eos_token_id", 2}}.dump(2) + "\n");
    writeFileAtomically(dir / "tokenizer_config.json", tokenizerConfigJson());
    writeFileAtomically(dir / "tokenizer.json", demoTokenizerJson());
}

}  // namespace

void writeDemoModel(const std::filesystem::path& dir) { writeModel(dir, kDense); }

void writeDemoMoeModel(const std::filesystem::path& dir) { writeModel(dir, kMoe); }

}  // namespace exl2
