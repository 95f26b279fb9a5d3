#include "forward/transformer_model.h"

#include "forward/blocks.h"
#include "forward/ops.h"
#include "forward/weight_loader.h"
#include "io/safetensors.h"
#include "util/error.h"

#include <algorithm>

namespace exl2 {

struct TransformerModel::Loaded {
    AttentionWeights attention;
    MlpWeights mlp;
    MoeWeights moe;
    LinearWeights table;      // embedding or head
    std::vector<float> norm;  // final norm
};

namespace {

void requirePositive(const ModelConfig& c, int64_t v, const char* field)
{
    if (v <= 0)
        throw Error(ErrorCode::Model, (c.directory / "config.json").string() + ": " + field + " must be > 0, got " +
                                          std::to_string(v));
}

}  // namespace

TransformerModel::TransformerModel(const ModelConfig& config, TensorSource source, ForwardOptions options)
    : m_config(config), m_source(std::move(source)), m_options(options)
{
}
TransformerModel::TransformerModel(TransformerModel&&) noexcept = default;
TransformerModel& TransformerModel::operator=(TransformerModel&&) noexcept = default;
TransformerModel::~TransformerModel() = default;

TransformerModel TransformerModel::load(const ModelConfig& c, TensorSource source, ForwardOptions options)
{
    requirePositive(c, c.hiddenSize, "hidden_size");
    requirePositive(c, c.numLayers, "num_hidden_layers");
    requirePositive(c, c.numHeads, "num_attention_heads");
    requirePositive(c, c.numKvHeads, "num_key_value_heads");
    requirePositive(c, c.headDim, "head_dim");
    requirePositive(c, c.vocabSize, "vocab_size");
    requirePositive(c, c.intermediateSize, "intermediate_size");
    if (c.numHeads % c.numKvHeads != 0)
        throw Error(ErrorCode::Model, (c.directory / "config.json").string() +
                                          ": num_attention_heads must be a multiple of num_key_value_heads, got " +
                                          std::to_string(c.numHeads) + " and " + std::to_string(c.numKvHeads));
    if (int64_t(c.layers.size()) != c.numLayers)
        throw Error(ErrorCode::Internal, "model config lists " + std::to_string(c.layers.size()) +
                                             " layer key sets for " + std::to_string(c.numLayers) + " layers");
    if (c.isMoe() && (c.expertsPerToken <= 0 || c.expertsPerToken > c.numExperts))
        throw Error(ErrorCode::Model, (c.directory / "config.json").string() +
                                          ": num_experts_per_tok must be in 1..num_local_experts, got " +
                                          std::to_string(c.expertsPerToken));
    if (!source.contains || !source.load)
        throw Error(ErrorCode::InvalidArgument, "TransformerModel::load: the tensor source has no callbacks");
    return TransformerModel(c, std::move(source), options);
}

TransformerModel TransformerModel::load(const ModelConfig& c, std::shared_ptr<const SafetensorsReader> reader,
                                        ForwardOptions options)
{
    return load(c, safetensorsSource(std::move(reader)), options);
}

std::vector<ModuleRef> TransformerModel::modules() const
{
    std::vector<ModuleRef> out;
    auto add = [&](ModuleKind kind, int layer, std::string moduleKey, std::string mode, std::string key) {
        out.push_back(ModuleRef{kind, int(out.size()), layer, std::move(key), std::move(moduleKey), std::move(mode)});
    };
    add(ModuleKind::Embedding, -1, m_config.embedTokens, "embedding", m_config.embedTokens);
    for (int i = 0; i < int(m_config.numLayers); ++i) {
        const std::string& p = m_config.layers[size_t(i)].prefix;
        add(ModuleKind::Attention, i, p, "self_attn", p + ".self_attn");
        if (m_config.isMoe())
            add(ModuleKind::Moe, i, p, "block_sparse_moe", p + ".block_sparse_moe");
        else
            add(ModuleKind::Mlp, i, p, "mlp", p + ".mlp");
    }
    add(ModuleKind::FinalNorm, -1, m_config.finalNorm, "norm", m_config.finalNorm);
    add(ModuleKind::Head, -1, "lm_head", "linear", "lm_head");
    return out;
}

int64_t TransformerModel::slidingWindow(int64_t layer) const
{
    return m_config.isSlidingLayer(layer) ? m_config.slidingWindow : 0;
}

TransformerModel::Loaded& TransformerModel::ensure(const ModuleRef& m)
{
    auto& slot = m_loaded[m.index];
    if (slot)
        return *slot;
    auto l = std::make_unique<Loaded>();
    const WeightLoader loader(m_config, m_source, m_options.keepFp32Weights);
    switch (m.kind) {
    case ModuleKind::Embedding: l->table = loader.embedding(); break;
    case ModuleKind::Attention: l->attention = loader.attention(m.layer); break;
    case ModuleKind::Mlp: l->mlp = loader.mlp(m.layer); break;
    case ModuleKind::Moe: l->moe = loader.moe(m.layer); break;
    case ModuleKind::FinalNorm: l->norm = loader.vector(m_config.finalNorm, m_config.hiddenSize); break;
    case ModuleKind::Head: l->table = loader.head(); break;
    }
    slot = std::move(l);
    return *slot;
}

void TransformerModel::release(const ModuleRef& m) { m_loaded.erase(m.index); }

const RopeTable& TransformerModel::ropeTable(int64_t length)
{
    auto it = m_rope.find(length);
    if (it == m_rope.end())
        it = m_rope.emplace(length, RopeTable(m_config, length, m_options.rope)).first;
    return it->second;
}

HiddenStates TransformerModel::embed(const std::vector<int32_t>& ids, int64_t rows, int64_t length)
{
    if (int64_t(ids.size()) != rows * length)
        throw Error(ErrorCode::InvalidArgument, "embed: " + std::to_string(ids.size()) + " ids given for " +
                                                    std::to_string(rows) + " rows of " + std::to_string(length));
    const LinearWeights& table = ensure(modules().front()).table;
    const int64_t hidden = m_config.hiddenSize;
    HiddenStates s(rows, length, hidden);
    const float scale = float(m_config.embeddingScale);
    for (size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] < 0 || ids[i] >= m_config.vocabSize)
            throw Error(ErrorCode::InvalidArgument, "token id " + std::to_string(ids[i]) + " at position " +
                                                        std::to_string(i) + " is outside the vocabulary (0.." +
                                                        std::to_string(m_config.vocabSize - 1) + ")");
        const float* src = table.weight.data() + int64_t(ids[i]) * hidden;
        float* dst = s.data.data() + int64_t(i) * hidden;
        for (int64_t h = 0; h < hidden; ++h)
            dst[h] = src[h] * scale;
    }
    return s;
}

void TransformerModel::forwardModule(Backend& backend, const ModuleRef& m, HiddenStates& states,
                                     const WeightOverrides* overrides, const ActivationObserver* observer)
{
    const ModuleHooks hooks{overrides, observer};
    if (m.kind != ModuleKind::Embedding && states.width != m_config.hiddenSize)
        throw Error(ErrorCode::InvalidArgument, "module " + m.key + ": states have width " +
                                                    std::to_string(states.width) + ", expected hidden_size " +
                                                    std::to_string(m_config.hiddenSize));
    Loaded& l = ensure(m);
    switch (m.kind) {
    case ModuleKind::Embedding:
        throw Error(ErrorCode::InvalidArgument, "the embedding module takes token ids: call embed()");
    case ModuleKind::Attention:
        attentionForward(backend, m_config, l.attention, ropeTable(states.length), slidingWindow(m.layer), states, hooks);
        break;
    case ModuleKind::Mlp: mlpForward(backend, m_config, l.mlp, states, hooks); break;
    case ModuleKind::Moe: moeForward(backend, m_config, l.moe, states, hooks); break;
    case ModuleKind::FinalNorm:
        rmsNorm(states.data.data(), states.data.data(), states.tokens(), states.width, l.norm, m_config.normEps,
                m_config.normOffset);
        break;
    case ModuleKind::Head: {
        const LinearWeights& head = hooks.pick("lm_head", l.table);
        hooks.observe("lm_head", states.data.data(), states.tokens(), states.width);
        HiddenStates out(states.rows, states.length, head.outFeatures);
        applyLinear(backend, head, states.data.data(), states.tokens(), out.data.data());
        if (m_config.finalSoftcap)
            softcap(out.data.data(), int64_t(out.data.size()), *m_config.finalSoftcap);
        states = std::move(out);
        break;
    }
    }
}

std::vector<NamedLinear> TransformerModel::linears(const ModuleRef& m)
{
    Loaded& l = ensure(m);
    switch (m.kind) {
    case ModuleKind::Attention: {
        const AttentionWeights& a = l.attention;
        return {{a.qKey, &a.q}, {a.kKey, &a.k}, {a.vKey, &a.v}, {a.oKey, &a.o}};
    }
    case ModuleKind::Mlp: {
        std::vector<NamedLinear> out;
        if (!l.mlp.gate.empty())
            out.push_back({l.mlp.gateKey, &l.mlp.gate});
        out.push_back({l.mlp.upKey, &l.mlp.up});
        out.push_back({l.mlp.downKey, &l.mlp.down});
        return out;
    }
    case ModuleKind::Moe: {
        std::vector<NamedLinear> out;
        for (size_t e = 0; e < l.moe.gate.size(); ++e) {
            out.push_back({l.moe.gateKeys[e], &l.moe.gate[e]});
            out.push_back({l.moe.upKeys[e], &l.moe.up[e]});
            out.push_back({l.moe.downKeys[e], &l.moe.down[e]});
        }
        return out;
    }
    case ModuleKind::Head: return {{"lm_head", &l.table}};
    case ModuleKind::Embedding:
    case ModuleKind::FinalNorm: return {};
    }
    return {};
}

HiddenStates TransformerModel::logits(Backend& backend, const std::vector<int32_t>& ids, int64_t rows, int64_t length)
{
    HiddenStates s = embed(ids, rows, length);
    const auto mods = modules();
    for (size_t i = 1; i < mods.size(); ++i)
        forwardModule(backend, mods[i], s);
    return s;
}

}  // namespace exl2
