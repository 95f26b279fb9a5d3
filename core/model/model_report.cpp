#include "model/model_report.h"

#include <cstdio>

namespace exl2 {
namespace {

// GiB for big figures, MiB below one GiB so that small models do not read as 0.00.
std::string gib(uint64_t bytes)
{
    char buf[32];
    const double mib = double(bytes) / (1024.0 * 1024.0);
    if (mib >= 1024.0)
        std::snprintf(buf, sizeof buf, "%.2f GiB", mib / 1024.0);
    else
        std::snprintf(buf, sizeof buf, "%.1f MiB", mib);
    return buf;
}

nlohmann::json memoryJson(const MemoryEstimate& m)
{
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& [what, bytes] : m.parts)
        parts.push_back({{"what", what}, {"bytes", bytes}});
    return {{"total_bytes", m.totalBytes}, {"parts", parts}};
}

nlohmann::json ropeJson(const ModelConfig& c)
{
    const RopeScaling& r = c.ropeScaling;
    nlohmann::json j = {{"theta", c.ropeTheta}, {"rotary_dims", c.rotaryDims()},
                        {"style", c.ropeStyle == RopeStyle::GptJ ? "gptj" : c.ropeStyle == RopeStyle::None ? "none" : "neox"},
                        {"scaling", ropeScalingTypeName(r.type)}};
    if (r.type != RopeScalingType::None) {
        j["factor"] = r.factor;
        j["original_max_position_embeddings"] = r.originalMaxPositions;
    }
    if (r.type == RopeScalingType::Llama3) {
        j["low_freq_factor"] = r.lowFreqFactor;
        j["high_freq_factor"] = r.highFreqFactor;
    }
    if (r.type == RopeScalingType::Yarn) {
        j["beta_fast"] = r.betaFast;
        j["beta_slow"] = r.betaSlow;
    }
    if (r.attentionFactor)
        j["attention_factor"] = *r.attentionFactor;
    return j;
}

}  // namespace

nlohmann::json modelReportJson(const ModelConfig& c, const ModelSummary& s)
{
    nlohmann::json j;
    j["directory"] = c.directory.string();
    j["architecture"] = c.architecture;
    j["hidden_size"] = c.hiddenSize;
    j["intermediate_size"] = c.intermediateSize;
    j["num_layers"] = c.numLayers;
    j["num_heads"] = c.numHeads;
    j["num_kv_heads"] = c.numKvHeads;
    j["head_dim"] = c.headDim;
    j["vocab_size"] = c.vocabSize;
    j["max_position_embeddings"] = c.maxPositions;
    j["norm_eps"] = c.normEps;
    j["tied_embeddings"] = c.tiedEmbeddings;
    j["lm_head"] = c.lmHead;
    if (c.isMoe()) {
        j["num_experts"] = c.numExperts;
        j["experts_per_token"] = c.expertsPerToken;
    }
    if (c.slidingWindow > 0)
        j["sliding_window"] = c.slidingWindow;
    j["rope"] = ropeJson(c);
    j["parameters"] = s.parameterCount;
    j["tensors"] = s.tensorCount;
    j["dtype"] = s.dtype;
    j["file_bytes"] = s.fileBytes;
    j["calibration"] = {{"rows", s.calibrationRows}, {"length", s.calibrationLength}};
    j["ram"] = memoryJson(s.ram);
    j["vram"] = memoryJson(s.vram);
    j["warnings"] = s.warnings;
    return j;
}

std::string modelReportText(const ModelConfig& c, const ModelSummary& s)
{
    std::string o;
    auto line = [&](const std::string& label, const std::string& value) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%-24s", (label + ":").c_str());
        o += buf + value + "\n";
    };
    const auto n = [](auto v) { return std::to_string(v); };
    line("Model", c.directory.string());
    line("Architecture", c.architecture);
    line("Hidden size", n(c.hiddenSize));
    line("Intermediate size", n(c.intermediateSize) + (c.isMoe() ? " per expert" : ""));
    line("Layers", n(c.numLayers));
    line("Attention heads", n(c.numHeads));
    line("KV heads", n(c.numKvHeads));
    line("Head dim", n(c.headDim));
    line("Vocabulary", n(c.vocabSize));
    line("Max positions", n(c.maxPositions));
    if (c.isMoe())
        line("Experts", n(c.numExperts) + " (" + n(c.expertsPerToken) + " per token)");
    if (c.slidingWindow > 0)
        line("Sliding window", n(c.slidingWindow) + (c.alternatingSlidingWindow ? " (every other layer)" : ""));
    line("Tied embeddings", c.tiedEmbeddings ? "yes (head: " + c.lmHead + ")" : "no");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%lld (%.3f M)", (long long)s.parameterCount, double(s.parameterCount) / 1e6);
    line("Parameters", buf);
    line("Dtype", s.dtype);
    line("Files", gib(s.fileBytes) + " (" + n(s.fileBytes) + " bytes, " + n(s.tensorCount) + " tensors)");
    std::snprintf(buf, sizeof buf, "theta %g, %lld rotary dims, scaling %s", c.ropeTheta, (long long)c.rotaryDims(),
                  ropeScalingTypeName(c.ropeScaling.type));
    std::string rope = buf;
    if (c.ropeScaling.type != RopeScalingType::None) {
        std::snprintf(buf, sizeof buf, " (factor %g, original max positions %lld)", c.ropeScaling.factor,
                      (long long)c.ropeScaling.originalMaxPositions);
        rope += buf;
    }
    line("RoPE", rope);
    o += "Estimate for a conversion with " + n(s.calibrationRows) + " rows x " + n(s.calibrationLength) + " tokens:\n";
    for (const auto* m : {&s.ram, &s.vram}) {
        line(m == &s.ram ? "  RAM" : "  VRAM", gib(m->totalBytes));
        for (const auto& [what, bytes] : m->parts)
            o += "      " + gib(bytes) + "  " + what + "\n";
    }
    for (const auto& w : s.warnings)
        o += " !! " + w + "\n";
    return o;
}

}  // namespace exl2
