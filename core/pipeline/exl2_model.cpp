#include "pipeline/exl2_model.h"

#include "io/safetensors.h"
#include "quant/exl2_reader.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <map>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

std::map<std::string, int64_t> outFeaturesByKey(const ModelConfig& c)
{
    std::map<std::string, int64_t> out;
    const int64_t q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    for (const LayerKeys& k : c.layers) {
        const std::string a = k.prefix + ".self_attn.", m = k.prefix + ".mlp.";
        out[k.q.empty() ? a + "q_proj" : k.q] = q;
        out[k.k.empty() ? a + "k_proj" : k.k] = kv;
        out[k.v.empty() ? a + "v_proj" : k.v] = kv;
        out[k.o.empty() ? a + "o_proj" : k.o] = c.hiddenSize;
        out[k.gate.empty() ? m + "gate_proj" : k.gate] = c.intermediateSize;
        out[k.up.empty() ? m + "up_proj" : k.up] = c.intermediateSize;
        out[k.down.empty() ? m + "down_proj" : k.down] = c.hiddenSize;
        for (size_t e = 0; e < k.expertGate.size() && e < k.expertUp.size() && e < k.expertDown.size(); ++e) {
            out[k.expertGate[e]] = c.intermediateSize;
            out[k.expertUp[e]] = c.intermediateSize;
            out[k.expertDown[e]] = c.hiddenSize;
        }
    }
    out["lm_head"] = c.vocabSize;
    return out;
}

// "KEY.weight" of a packed linear -> KEY, else "".
std::string packedKey(const SafetensorsReader& r, const std::string& name)
{
    const std::string suffix = ".weight";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return {};
    const std::string key = name.substr(0, name.size() - suffix.size());
    return r.contains(key + ".q_weight") ? key : std::string();
}

Exl2Tensors packedTensors(const SafetensorsReader& r, const std::string& key)
{
    Exl2Tensors t;
    for (const char* suffix : {"q_weight", "q_invperm", "q_scale", "q_scale_max", "q_groups", "bias"}) {
        const std::string name = key + "." + suffix;
        if (!r.contains(name))
            continue;
        const TensorInfo& info = r.info(name);
        const auto raw = r.raw(name);
        t.tensors.push_back({suffix, info.dtype, info.shape, std::vector<uint8_t>(raw.begin(), raw.end())});
    }
    return t;
}

}  // namespace

TensorSource exl2TensorSource(const fs::path& dir, const ModelConfig& config)
{
    auto reader = std::make_shared<const SafetensorsReader>(SafetensorsReader::open(dir));
    auto outFeatures = std::make_shared<const std::map<std::string, int64_t>>(outFeaturesByKey(config));
    TensorSource s;
    s.contains = [reader](const std::string& name) {
        if (reader->contains(name))
            return true;
        return !packedKey(*reader, name).empty();
    };
    s.load = [reader, outFeatures, dir](const std::string& name, std::vector<int64_t>& shape) {
        const std::string key = packedKey(*reader, name);
        if (key.empty()) {
            if (!reader->contains(name)) {
                throw Error(ErrorCode::Model, dir.string() + ": tensor " + name + " is missing from the EXL2 model");
            }
            shape = reader->info(name).shape;
            return reader->toFloat(name);
        }
        const DequantizedExl2 d = dequantizeExl2(packedTensors(*reader, key), key);
        const auto it = outFeatures->find(key);
        const int64_t n = it == outFeatures->end() ? d.nPadded : std::min(it->second, d.nPadded);
        shape = {n, d.k};
        return std::vector<float>(d.weight.begin(), d.weight.begin() + n * d.k);
    };
    return s;
}

bool isExl2Folder(const fs::path& dir)
{
    std::error_code ec;
    if (!fs::is_regular_file(dir / "config.json", ec))
        return false;
    const auto config = nlohmann::json::parse(readFile(dir / "config.json"), nullptr, false);
    return config.is_object() && config.contains("quantization_config") && config["quantization_config"].is_object() &&
           config["quantization_config"].value("quant_method", "") == "exl2";
}

}  // namespace exl2
