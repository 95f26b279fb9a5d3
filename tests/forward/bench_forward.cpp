// Benchmark (label bench): module-by-module forward throughput of a synthetic Llama-shaped model on the CPU
// backend, against the baseline of the same linears' plain Backend::gemm calls measured in this run.
// Sizes: EXL2_BENCH_FORWARD_HIDDEN (default 1024), _LAYERS (2), _ROWS (2), _LENGTH (512).
#include "backend/cpu_backend.h"
#include "forward/transformer_model.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

namespace {

long long envInt(const char* name, long long fallback)
{
    const char* v = std::getenv(name);
    return v ? std::atoll(v) : fallback;
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

exl2::ModelConfig syntheticConfig(int64_t hidden, int64_t layers)
{
    exl2::ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.hiddenSize = hidden;
    c.intermediateSize = hidden * 11 / 4;
    c.numLayers = layers;
    c.headDim = 128;
    c.numHeads = hidden / 128;
    c.numKvHeads = std::max<int64_t>(1, c.numHeads / 4);
    c.vocabSize = 4096;
    for (int64_t i = 0; i < layers; ++i) {
        exl2::LayerKeys k;
        k.prefix = "model.layers." + std::to_string(i);
        k.attnNorm = k.prefix + ".input_layernorm";
        k.mlpNorm = k.prefix + ".post_attention_layernorm";
        k.q = k.prefix + ".self_attn.q_proj";
        k.k = k.prefix + ".self_attn.k_proj";
        k.v = k.prefix + ".self_attn.v_proj";
        k.o = k.prefix + ".self_attn.o_proj";
        k.gate = k.prefix + ".mlp.gate_proj";
        k.up = k.prefix + ".mlp.up_proj";
        k.down = k.prefix + ".mlp.down_proj";
        c.layers.push_back(k);
    }
    return c;
}

// Random weights of the right shape for every tensor the config names.
exl2::TensorSource randomSource(const exl2::ModelConfig& c)
{
    exl2::TensorSource s;
    s.contains = [](const std::string& name) { return name.ends_with(".weight"); };
    s.load = [c](const std::string& name, std::vector<int64_t>& shape) {
        const int64_t h = c.hiddenSize, i = c.intermediateSize, q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
        if (name.find("norm") != std::string::npos) shape = {h};
        else if (name.find("q_proj") != std::string::npos) shape = {q, h};
        else if (name.find("k_proj") != std::string::npos || name.find("v_proj") != std::string::npos) shape = {kv, h};
        else if (name.find("o_proj") != std::string::npos) shape = {h, q};
        else if (name.find("down_proj") != std::string::npos) shape = {h, i};
        else if (name.find("mlp") != std::string::npos) shape = {i, h};
        else shape = {c.vocabSize, h};
        std::mt19937 rng(uint32_t(std::hash<std::string>()(name)));
        std::normal_distribution<float> nd(0.0f, 1.0f / std::sqrt(float(shape.back())));
        std::vector<float> v(size_t(shape.size() == 1 ? shape[0] : shape[0] * shape[1]));
        for (float& x : v)
            x = shape.size() == 1 ? 1.0f : nd(rng);
        return v;
    };
    return s;
}

}  // namespace

int main()
{
    const int64_t hidden = envInt("EXL2_BENCH_FORWARD_HIDDEN", 1024), layers = envInt("EXL2_BENCH_FORWARD_LAYERS", 2);
    const int64_t rows = envInt("EXL2_BENCH_FORWARD_ROWS", 2), length = envInt("EXL2_BENCH_FORWARD_LENGTH", 512);
    const exl2::ModelConfig config = syntheticConfig(hidden, layers);
    exl2::TransformerModel model = exl2::TransformerModel::load(config, randomSource(config));
    exl2::CpuBackend backend;
    std::printf("bench_forward: %s; synthetic Llama hidden %lld, intermediate %lld, %lld heads (%lld KV) × 128, "
                "%lld layers; %lld rows × %lld tokens\n",
                backend.info().name.c_str(), (long long)hidden, (long long)config.intermediateSize,
                (long long)config.numHeads, (long long)config.numKvHeads, (long long)layers, (long long)rows,
                (long long)length);

    std::vector<int32_t> ids(size_t(rows * length));
    for (size_t i = 0; i < ids.size(); ++i)
        ids[i] = int32_t((i * 2654435761u) % uint32_t(config.vocabSize));
    exl2::HiddenStates s = model.embed(ids, rows, length);
    const auto mods = model.modules();
    for (size_t m = 1; m + 2 < mods.size(); ++m)
        model.linears(mods[m]);  // load outside the timed region

    const int64_t tokens = rows * length;
    double moduleSeconds = 0, linearFlops = 0, baselineSeconds = 0;
    for (size_t m = 1; m + 2 < mods.size(); ++m) {
        auto t0 = std::chrono::steady_clock::now();
        model.forwardModule(backend, mods[m], s);
        const double sec = seconds(t0);
        moduleSeconds += sec;
        // Baseline: the module's linears as bare gemm calls on the same token count.
        double flops = 0;
        t0 = std::chrono::steady_clock::now();
        for (const auto& l : model.linears(mods[m])) {
            std::vector<float> x(size_t(tokens * l.weights->inFeatures), 0.01f), y(size_t(tokens * l.weights->outFeatures));
            backend.gemm(false, true, tokens, l.weights->outFeatures, l.weights->inFeatures, 1.0f, x.data(),
                         l.weights->weight.data(), 0.0f, y.data());
            flops += 2.0 * double(tokens) * double(l.weights->outFeatures) * double(l.weights->inFeatures);
        }
        const double base = seconds(t0);
        baselineSeconds += base;
        linearFlops += flops;
        std::printf("  %-28s %8.3f s   (its linears as bare gemm: %.3f s, %.1f GFLOP/s)\n", mods[m].key.c_str(), sec,
                    base, flops / base * 1e-9);
    }
    std::printf("decoder modules: %.3f s for %lld tokens = %.0f tokens/s; linear GFLOP/s inside the forward %.1f; "
                "forward / bare-gemm time ratio %.2f\n",
                moduleSeconds, (long long)tokens, double(tokens) / moduleSeconds, linearFlops / moduleSeconds * 1e-9,
                moduleSeconds / baselineSeconds);
    return 0;
}
