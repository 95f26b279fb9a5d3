// The transformer as a list of modules that the conversion pipeline runs one at a time on a batch of
// hidden states (embedding, attention/MLP/MoE per layer, final norm, head), in exllamav2's module order.
// Weights come from a TensorSource and are loaded per module on first use (fp16-rounded by default).
#pragma once

#include "backend/backend.h"
#include "forward/hidden_states.h"
#include "forward/module_weights.h"
#include "forward/rope.h"
#include "forward/tensor_source.h"
#include "model/model_config.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace exl2 {

class SafetensorsReader;

enum class ModuleKind { Embedding, Attention, Mlp, Moe, FinalNorm, Head };

struct ModuleRef {
    ModuleKind kind = ModuleKind::Embedding;
    int index = 0;          // position in modules(): the "module index" of job files
    int layer = -1;         // decoder layer, -1 outside the layers
    std::string key;        // "model.embed_tokens", "model.layers.3.self_attn", ".mlp", ".block_sparse_moe",
                            // "model.norm", "lm_head"
    std::string moduleKey;  // exllamav2's module key: "model.layers.3" for both modules of a layer
    std::string mode;       // "embedding", "self_attn", "mlp", "block_sparse_moe", "norm", "linear"
};

struct ForwardOptions {
    // The reference converter holds weights in fp16; keepFp32Weights skips that rounding (used to compare
    // an F32 checkpoint against an fp32 reference forward).
    bool keepFp32Weights = false;
    RopeOverrides rope;  // -rs / -ra
};

class TransformerModel {
public:
    // Validates the config's dimensions; tensors are read lazily, so `source` must stay valid.
    static TransformerModel load(const ModelConfig& config, TensorSource source, ForwardOptions options = {});
    static TransformerModel load(const ModelConfig& config, std::shared_ptr<const SafetensorsReader> reader,
                                 ForwardOptions options = {});

    TransformerModel(TransformerModel&&) noexcept;
    TransformerModel& operator=(TransformerModel&&) noexcept;
    ~TransformerModel();

    const ModelConfig& config() const { return m_config; }
    const ForwardOptions& options() const { return m_options; }
    std::vector<ModuleRef> modules() const;

    // Embedding module: ids (rows × length, row-major) → states, × the embedding scale (Gemma).
    HiddenStates embed(const std::vector<int32_t>& ids, int64_t rows, int64_t length);

    // Runs one module in place. Attention/MLP/MoE add their residual; FinalNorm normalises; Head turns
    // the states into logits (width = vocab, final soft-capping applied). Embedding is embed().
    void forwardModule(Backend& backend, const ModuleRef& module, HiddenStates& inOut,
                       const WeightOverrides* overrides = nullptr, const ActivationObserver* observer = nullptr);

    // The module's linears (loading its weights if needed), in exllamav2's order (q,k,v,o / gate,up,down /
    // per expert w1,w3,w2; head: "lm_head").
    std::vector<NamedLinear> linears(const ModuleRef& module);
    // Frees a module's weights (they are read again on next use).
    void release(const ModuleRef& module);

    // Full forward: ids → logits (rows × length × vocab).
    HiddenStates logits(Backend& backend, const std::vector<int32_t>& ids, int64_t rows, int64_t length);

    // Whether `layer` uses sliding-window attention, and the window (0 = none).
    int64_t slidingWindow(int64_t layer) const;

private:
    struct Loaded;
    TransformerModel(const ModelConfig& config, TensorSource source, ForwardOptions options);
    Loaded& ensure(const ModuleRef& module);
    const RopeTable& ropeTable(int64_t length);

    ModelConfig m_config;
    TensorSource m_source;
    ForwardOptions m_options;
    std::map<int, std::unique_ptr<Loaded>> m_loaded;
    std::map<int64_t, RopeTable> m_rope;
};

}  // namespace exl2
