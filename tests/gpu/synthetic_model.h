// A synthetic Llama model for the GPU benchmark: Llama-2-7B widths by default, weights generated on demand
// from each tensor's name (uniform, variance 1/in_features, so activations keep their scale through the
// layers), never stored anywhere, and reproducible random hidden states to feed the decoder layers.
#pragma once

#include <cstddef>  // before hidden_states.h, which uses size_t without including it

#include "forward/hidden_states.h"
#include "forward/tensor_source.h"
#include "model/model_config.h"

#include <cstdint>

namespace exl2gpu {

struct SyntheticShape {
    int64_t hidden = 4096, intermediate = 11008, heads = 32, kvHeads = 32, headDim = 128;
    int64_t layers = 2, vocab = 32000, maxPositions = 4096;
};

// A LlamaForCausalLM config of that shape, parsed by the project's own config reader.
exl2::ModelConfig syntheticConfig(const SyntheticShape& shape);

// The tensors of that model (every decoder layer, embeddings, final norm, head), made when loaded.
exl2::TensorSource syntheticSource(const SyntheticShape& shape);

// rows × length × width states, uniform in [−√3, √3) (unit variance), reproducible from `seed`.
exl2::HiddenStates syntheticStates(int64_t rows, int64_t length, int64_t width, uint64_t seed);

}  // namespace exl2gpu
