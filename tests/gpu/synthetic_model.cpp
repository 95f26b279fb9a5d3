#include "synthetic_model.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace exl2gpu {

namespace {

// splitmix64: fast and good enough for benchmark weights.
uint64_t nextRandom(uint64_t& state)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void fillUniform(std::vector<float>& v, uint64_t seed, double halfWidth)
{
    uint64_t state = seed;
    for (float& x : v) {
        const double u = double(nextRandom(state) >> 11) * (1.0 / 9007199254740992.0);  // [0, 1)
        x = float((2.0 * u - 1.0) * halfWidth);
    }
}

uint64_t nameSeed(const std::string& name)
{
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : name)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

// Every tensor name of the model and its shape ([out, in] for linears, [n] for norms).
std::map<std::string, std::vector<int64_t>> tensorShapes(const SyntheticShape& s)
{
    std::map<std::string, std::vector<int64_t>> shapes;
    const int64_t q = s.heads * s.headDim, kv = s.kvHeads * s.headDim;
    shapes["model.embed_tokens.weight"] = {s.vocab, s.hidden};
    shapes["model.norm.weight"] = {s.hidden};
    shapes["lm_head.weight"] = {s.vocab, s.hidden};
    for (int64_t l = 0; l < s.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        shapes[p + "input_layernorm.weight"] = {s.hidden};
        shapes[p + "post_attention_layernorm.weight"] = {s.hidden};
        shapes[p + "self_attn.q_proj.weight"] = {q, s.hidden};
        shapes[p + "self_attn.k_proj.weight"] = {kv, s.hidden};
        shapes[p + "self_attn.v_proj.weight"] = {kv, s.hidden};
        shapes[p + "self_attn.o_proj.weight"] = {s.hidden, q};
        shapes[p + "mlp.gate_proj.weight"] = {s.intermediate, s.hidden};
        shapes[p + "mlp.up_proj.weight"] = {s.intermediate, s.hidden};
        shapes[p + "mlp.down_proj.weight"] = {s.hidden, s.intermediate};
    }
    return shapes;
}

}  // namespace

exl2::ModelConfig syntheticConfig(const SyntheticShape& s)
{
    const std::string json = R"({"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": )" +
                             std::to_string(s.hidden) + R"(, "intermediate_size": )" + std::to_string(s.intermediate) +
                             R"(, "num_hidden_layers": )" + std::to_string(s.layers) +
                             R"(, "num_attention_heads": )" + std::to_string(s.heads) +
                             R"(, "num_key_value_heads": )" + std::to_string(s.kvHeads) +
                             R"(, "head_dim": )" + std::to_string(s.headDim) +
                             R"(, "vocab_size": )" + std::to_string(s.vocab) +
                             R"(, "max_position_embeddings": )" + std::to_string(s.maxPositions) +
                             R"(, "hidden_act": "silu", "rms_norm_eps": 1e-05, "rope_theta": 10000.0,
                                "tie_word_embeddings": false, "bos_token_id": 1, "eos_token_id": 2,
                                "torch_dtype": "float16"})";
    return exl2::parseModelConfig(json, "synthetic-llama");
}

exl2::TensorSource syntheticSource(const SyntheticShape& shape)
{
    auto shapes = std::make_shared<const std::map<std::string, std::vector<int64_t>>>(tensorShapes(shape));
    exl2::TensorSource source;
    source.contains = [shapes](const std::string& name) { return shapes->count(name) > 0; };
    source.load = [shapes](const std::string& name, std::vector<int64_t>& dims) {
        const auto it = shapes->find(name);
        if (it == shapes->end())
            throw exl2::Error(exl2::ErrorCode::Model, "synthetic model: no tensor named " + name);
        dims = it->second;
        std::vector<float> v(size_t(dims.size() == 2 ? dims[0] * dims[1] : dims[0]));
        if (dims.size() == 1)
            std::fill(v.begin(), v.end(), 1.0f);  // norm weights
        else
            fillUniform(v, nameSeed(name), std::sqrt(3.0 / double(dims[1])));
        return v;
    };
    return source;
}

exl2::HiddenStates syntheticStates(int64_t rows, int64_t length, int64_t width, uint64_t seed)
{
    exl2::HiddenStates states(rows, length, width);
    fillUniform(states.data, seed, std::sqrt(3.0));
    return states;
}

}  // namespace exl2gpu
