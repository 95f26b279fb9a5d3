// The built-in demo model: a small, synthetic, deterministic LlamaForCausalLM folder (config.json, F16
// model.safetensors, Llama-2-style tokenizer.json, tokenizer_config.json, generation_config.json) so the
// whole conversion can be tried on a CPU in seconds without downloading anything. Not a trained model.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace exl2 {

struct DemoModelShape {
    static constexpr int64_t hidden = 256, intermediate = 704, layers = 4, heads = 8, kvHeads = 4, headDim = 32;
    static constexpr int64_t vocab = 1024, maxPositions = 2048;
};

// The mixture-of-experts variant (MixtralForCausalLM, `exl2-tool make-demo-model --moe`): tiny widths so
// that measuring every expert's options stays quick on a CPU.
struct DemoMoeShape {
    static constexpr int64_t hidden = 128, intermediate = 256, layers = 2, heads = 4, kvHeads = 2, headDim = 32;
    static constexpr int64_t vocab = 1024, maxPositions = 2048, experts = 4, expertsPerToken = 2;
};

// Writes the folder (created if missing; existing files of the same names are replaced atomically).
// Byte-identical on every run and platform: own PRNG, only +, *, / and sqrt on the way to each weight.
void writeDemoModel(const std::filesystem::path& dir);
void writeDemoMoeModel(const std::filesystem::path& dir);

// The tokenizer.json alone: byte-fallback BPE whose merges are learned from demoCorpus().
std::string demoTokenizerJson();

// The small English text (written for this project) the demo tokenizer's merges are learned from.
const char* demoCorpus();

}  // namespace exl2
