#include "forward/weight_loader.h"

#include "util/error.h"
#include "util/half.h"

#include <cmath>

namespace exl2 {
namespace {

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

std::string orDefault(const std::string& key, const std::string& fallback) { return key.empty() ? fallback : key; }

// " (layer 3)" when `name` lies under a decoder layer's prefix.
std::string layerNote(const ModelConfig& c, const std::string& name)
{
    for (size_t i = 0; i < c.layers.size(); ++i) {
        const std::string& p = c.layers[i].prefix;
        if (!p.empty() && name.size() > p.size() && name.compare(0, p.size(), p) == 0 && name[p.size()] == '.')
            return " (layer " + std::to_string(i) + ")";
    }
    return "";
}

std::string positionText(const std::vector<int64_t>& shape, size_t index)
{
    if (shape.size() != 2 || shape[1] <= 0)
        return "element " + std::to_string(index);
    return "row " + std::to_string(int64_t(index) / shape[1]) + ", column " + std::to_string(int64_t(index) % shape[1]);
}

// A NaN/Inf weight would poison every Hessian and state downstream and be reported far from its cause:
// name the tensor and the first bad element instead. `rounded`: the values after the fp16 rounding.
void requireFinite(const ModelConfig& c, const std::string& name, const std::vector<int64_t>& shape,
                   const std::vector<float>& v, bool rounded)
{
    size_t bad = 0, first = 0;
    for (size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i]) && bad++ == 0)
            first = i;
    if (bad == 0)
        return;
    const std::string where = c.directory.string() + ": tensor " + name + layerNote(c, name) + " ";
    const std::string more = bad > 1 ? " and " + std::to_string(bad - 1) + " more" : "";
    if (rounded)
        throw Error(ErrorCode::Numerical, where + "has a value beyond the F16 range (+-65504) at " +
                                              positionText(shape, first) + more +
                                              ": the converter holds weights in fp16, so it would become infinite");
    throw Error(ErrorCode::Numerical, where + "holds " + (std::isnan(v[first]) ? "NaN" : "Inf") + " at " +
                                          positionText(shape, first) + more +
                                          " (non-finite weights; the checkpoint is damaged)");
}

}  // namespace

std::vector<float> WeightLoader::tensor(const std::string& name, std::vector<int64_t>& shape) const
{
    if (!m_source.contains(name))
        throw Error(ErrorCode::Model, (m_config.directory).string() + ": tensor " + name + " not found in the model");
    std::vector<float> v = m_source.load(name, shape);
    requireFinite(m_config, name, shape, v, false);
    if (!m_keepFp32) {
        for (float& x : v)
            x = roundToHalf(x);
        requireFinite(m_config, name, shape, v, true);
    }
    return v;
}

std::vector<float> WeightLoader::vector(const std::string& key, int64_t size) const
{
    if (key.empty())
        return {};
    std::vector<int64_t> shape;
    std::vector<float> v = tensor(key + ".weight", shape);
    if (shape.size() != 1 || shape[0] != size)
        throw Error(ErrorCode::Model, (m_config.directory).string() + ": tensor " + key + ".weight has shape " +
                                          shapeText(shape) + ", expected [" + std::to_string(size) + "]");
    return v;
}

LinearWeights WeightLoader::linear(const std::string& key, int64_t outFeatures, int64_t inFeatures) const
{
    LinearWeights w;
    std::vector<int64_t> shape;
    w.weight = tensor(key + ".weight", shape);
    if (shape.size() != 2 || shape[0] != outFeatures || shape[1] != inFeatures)
        throw Error(ErrorCode::Model, (m_config.directory).string() + ": tensor " + key + ".weight has shape " +
                                          shapeText(shape) + ", expected [" + std::to_string(outFeatures) + ", " +
                                          std::to_string(inFeatures) + "]");
    w.outFeatures = outFeatures;
    w.inFeatures = inFeatures;
    if (m_source.contains(key + ".bias")) {
        w.bias = tensor(key + ".bias", shape);
        if (shape.size() != 1 || shape[0] != outFeatures)
            throw Error(ErrorCode::Model, (m_config.directory).string() + ": tensor " + key + ".bias has shape " +
                                              shapeText(shape) + ", expected [" + std::to_string(outFeatures) + "]");
    }
    return w;
}

LinearWeights WeightLoader::embedding() const
{
    return linear(m_config.embedTokens, m_config.vocabSize, m_config.hiddenSize);
}

LinearWeights WeightLoader::head() const
{
    const bool own = m_source.contains(m_config.lmHead + ".weight");
    if (!own && !m_config.tiedEmbeddings)
        throw Error(ErrorCode::Model, (m_config.directory).string() + ": tensor " + m_config.lmHead +
                                          ".weight not found and tie_word_embeddings is false");
    return linear(own ? m_config.lmHead : m_config.embedTokens, m_config.vocabSize, m_config.hiddenSize);
}

AttentionWeights WeightLoader::attention(int64_t layer) const
{
    const ModelConfig& c = m_config;
    const LayerKeys& k = c.layers.at(size_t(layer));
    const int64_t qRows = c.numHeads * c.headDim, kvRows = c.numKvHeads * c.headDim;
    AttentionWeights w;
    w.qKey = orDefault(k.q, k.prefix + ".self_attn.q_proj");
    w.kKey = orDefault(k.k, k.prefix + ".self_attn.k_proj");
    w.vKey = orDefault(k.v, k.prefix + ".self_attn.v_proj");
    w.oKey = orDefault(k.o, k.prefix + ".self_attn.o_proj");
    if (!k.fusedQkv.empty()) {
        const LinearWeights fused = linear(k.fusedQkv, qRows + 2 * kvRows, c.hiddenSize);
        w.q = fused.sliceRows(0, qRows);
        w.k = fused.sliceRows(qRows, qRows + kvRows);
        w.v = fused.sliceRows(qRows + kvRows, qRows + 2 * kvRows);
    } else {
        w.q = linear(w.qKey, qRows, c.hiddenSize);
        w.k = linear(w.kKey, kvRows, c.hiddenSize);
        w.v = linear(w.vKey, kvRows, c.hiddenSize);
    }
    w.o = linear(w.oKey, c.hiddenSize, qRows);
    w.norm = vector(k.attnNorm, c.hiddenSize);
    w.postNorm = vector(k.attnPostNorm, c.hiddenSize);
    w.qNorm = vector(k.qNorm, c.headDim);
    w.kNorm = vector(k.kNorm, c.headDim);
    return w;
}

MlpWeights WeightLoader::mlp(int64_t layer) const
{
    const ModelConfig& c = m_config;
    const LayerKeys& k = c.layers.at(size_t(layer));
    const int64_t inter = c.intermediateSize;
    MlpWeights w;
    w.gateKey = orDefault(k.gate, k.prefix + ".mlp.gate_proj");
    w.upKey = orDefault(k.up, k.prefix + ".mlp.up_proj");
    w.downKey = orDefault(k.down, k.prefix + ".mlp.down_proj");
    if (!k.fusedGateUp.empty()) {
        const LinearWeights fused = linear(k.fusedGateUp, 2 * inter, c.hiddenSize);
        w.gate = fused.sliceRows(0, inter);
        w.up = fused.sliceRows(inter, 2 * inter);
    } else {
        if (!k.gate.empty())
            w.gate = linear(w.gateKey, inter, c.hiddenSize);
        w.up = linear(w.upKey, inter, c.hiddenSize);
    }
    w.down = linear(w.downKey, c.hiddenSize, inter);
    w.norm = vector(k.mlpNorm, c.hiddenSize);
    w.postNorm = vector(k.mlpPostNorm, c.hiddenSize);
    return w;
}

MoeWeights WeightLoader::moe(int64_t layer) const
{
    const ModelConfig& c = m_config;
    const LayerKeys& k = c.layers.at(size_t(layer));
    const size_t n = size_t(c.numExperts);
    if (k.expertGate.size() != n || k.expertUp.size() != n || k.expertDown.size() != n || k.router.empty())
        throw Error(ErrorCode::Model, (c.directory / "config.json").string() + ": layer " + std::to_string(layer) +
                                          " has no router or not num_local_experts = " + std::to_string(n) +
                                          " experts");
    MoeWeights w;
    w.routerKey = k.router;
    w.router = linear(k.router, c.numExperts, c.hiddenSize);
    for (size_t e = 0; e < n; ++e) {
        w.gateKeys.push_back(k.expertGate[e]);
        w.upKeys.push_back(k.expertUp[e]);
        w.downKeys.push_back(k.expertDown[e]);
        w.gate.push_back(linear(k.expertGate[e], c.intermediateSize, c.hiddenSize));
        w.up.push_back(linear(k.expertUp[e], c.intermediateSize, c.hiddenSize));
        w.down.push_back(linear(k.expertDown[e], c.hiddenSize, c.intermediateSize));
    }
    w.norm = vector(k.mlpNorm, c.hiddenSize);
    w.postNorm = vector(k.mlpPostNorm, c.hiddenSize);
    return w;
}

}  // namespace exl2
