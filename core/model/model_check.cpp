#include "model/model_check.h"

#include "util/error.h"

#include <algorithm>

namespace exl2 {
namespace {

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

void addLinear(std::vector<ExpectedTensor>& out, const std::string& key, int64_t outFeatures, int64_t inFeatures,
               bool bias)
{
    if (key.empty())
        return;
    out.push_back({key + ".weight", {outFeatures, inFeatures}});
    if (bias)
        out.push_back({key + ".bias", {outFeatures}});
}

void addNorm(std::vector<ExpectedTensor>& out, const std::string& key, int64_t size)
{
    if (!key.empty())
        out.push_back({key + ".weight", {size}});
}

}  // namespace

std::vector<ExpectedTensor> expectedTensors(const ModelConfig& c)
{
    std::vector<ExpectedTensor> out;
    const int64_t h = c.hiddenSize, qRows = c.numHeads * c.headDim, kvRows = c.numKvHeads * c.headDim;
    const int64_t inter = c.intermediateSize;
    out.push_back({c.embedTokens + ".weight", {c.vocabSize, h}});
    for (const LayerKeys& k : c.layers) {
        addNorm(out, k.attnNorm, h);
        addNorm(out, k.attnPostNorm, h);
        if (!k.fusedQkv.empty()) {
            addLinear(out, k.fusedQkv, qRows + 2 * kvRows, h, c.qkvBias);
        } else {
            addLinear(out, k.q, qRows, h, c.qkvBias);
            addLinear(out, k.k, kvRows, h, c.qkvBias);
            addLinear(out, k.v, kvRows, h, c.qkvBias);
        }
        addLinear(out, k.o, h, qRows, c.oBias);
        addNorm(out, k.qNorm, c.headDim);
        addNorm(out, k.kNorm, c.headDim);
        addNorm(out, k.mlpNorm, h);
        addNorm(out, k.mlpPostNorm, h);
        if (!k.fusedGateUp.empty()) {
            addLinear(out, k.fusedGateUp, 2 * inter, h, c.mlpBias);
        } else {
            addLinear(out, k.gate, inter, h, c.mlpBias);
            addLinear(out, k.up, inter, h, c.mlpBias);
        }
        addLinear(out, k.down, h, inter, c.mlpBias);
        addLinear(out, k.router, c.numExperts, h, false);
        for (size_t e = 0; e < k.expertGate.size(); ++e) {
            addLinear(out, k.expertGate[e], inter, h, false);
            addLinear(out, k.expertUp[e], inter, h, false);
            addLinear(out, k.expertDown[e], h, inter, false);
        }
    }
    addNorm(out, c.finalNorm, h);
    if (c.hasLmHeadTensor && c.lmHead != c.embedTokens)
        out.push_back({c.lmHead + ".weight", {c.vocabSize, h}});
    return out;
}

void checkModelTensors(const ModelConfig& config, const SafetensorsReader& reader)
{
    std::vector<std::string> problems;
    for (const auto& t : expectedTensors(config)) {
        if (!reader.contains(t.name)) {
            problems.push_back("missing tensor '" + t.name + "' (expected shape " + shapeText(t.shape) + ")");
            continue;
        }
        const TensorInfo& info = reader.info(t.name);
        if (info.shape != t.shape)
            problems.push_back("tensor '" + t.name + "' has shape " + shapeText(info.shape) + ", expected " +
                               shapeText(t.shape));
        else if (info.dtype != DType::F32 && info.dtype != DType::F16 && info.dtype != DType::BF16)
            problems.push_back("tensor '" + t.name + "' has dtype " + dtypeName(info.dtype) +
                               ", expected F32, F16 or BF16");
    }
    if (problems.empty())
        return;
    std::string msg = reader.source().string() + " does not match " + (config.directory / "config.json").string() +
                      " (" + config.architecture + "): ";
    const size_t shown = std::min<size_t>(problems.size(), 8);
    for (size_t i = 0; i < shown; ++i)
        msg += (i ? "; " : "") + problems[i];
    if (problems.size() > shown)
        msg += "; and " + std::to_string(problems.size() - shown) + " more";
    throw Error(ErrorCode::Model, msg);
}

}  // namespace exl2
