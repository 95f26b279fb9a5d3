// Real calibration activations for the quant tests: stories260k samples its own text (seeded, temperature 1,
// from BOS) and the unquantized forward pass (core/forward) reports each linear layer's input, the way the
// converter's measurement pass sees them (format spec §6.1).
#pragma once

#include "backend/cpu_backend.h"
#include "forward/transformer_model.h"
#include "io/safetensors.h"
#include "model/model_config.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace quanttest {

struct LayerInputs {
    int64_t rows = 0, length = 0, features = 0;
    std::vector<float> x; // [rows·length tokens][features]
};

inline std::map<std::string, LayerInputs> storiesLayerInputs(const std::filesystem::path& modelDir,
                                                             const std::set<std::string>& linearKeys, int64_t rows,
                                                             int64_t length, uint32_t seed)
{
    using namespace exl2;
    const ModelConfig config = loadModelConfig(modelDir);
    auto reader = std::make_shared<const SafetensorsReader>(SafetensorsReader::open(modelDir));
    TransformerModel model = TransformerModel::load(config, reader);
    CpuBackend backend;

    std::vector<int32_t> ids(static_cast<size_t>(rows * length), 0);
    for (int64_t r = 0; r < rows; ++r)
        ids[r * length] = int32_t(config.bosTokenId.value_or(1));
    std::mt19937 rng(seed);
    for (int64_t len = 1; len < length; ++len) {
        std::vector<int32_t> prefix;
        for (int64_t r = 0; r < rows; ++r)
            prefix.insert(prefix.end(), ids.begin() + r * length, ids.begin() + r * length + len);
        const HiddenStates logits = model.logits(backend, prefix, rows, len);
        for (int64_t r = 0; r < rows; ++r) {
            const float* l = logits.token(r, len - 1);
            std::vector<double> p(static_cast<size_t>(logits.width));
            const float top = *std::max_element(l, l + logits.width);
            for (int64_t v = 0; v < logits.width; ++v)
                p[v] = std::exp(double(l[v] - top));
            ids[r * length + len] = int32_t(std::discrete_distribution<int>(p.begin(), p.end())(rng));
        }
    }

    std::map<std::string, LayerInputs> out;
    ActivationObserver observer;
    observer.linearInput = [&](const std::string& key, const float* x, int64_t tokens, int64_t features) {
        if (!linearKeys.count(key))
            return;
        LayerInputs& in = out[key];
        in.rows = rows;
        in.length = length;
        in.features = features;
        in.x.assign(x, x + tokens * features);
    };
    HiddenStates h = model.embed(ids, rows, length);
    for (const ModuleRef& m : model.modules()) {
        if (m.kind == ModuleKind::Embedding || m.kind == ModuleKind::Head)
            continue;
        model.forwardModule(backend, m, h, nullptr, &observer);
    }
    return out;
}

}  // namespace quanttest
