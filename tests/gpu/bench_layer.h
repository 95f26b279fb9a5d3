// One decoder layer of the GPU benchmark, done the way the pipeline's stages do it (stage_measure.cpp,
// stage_quantize.cpp) through the public core APIs: a plain forward, the measurement (reference pass with
// Hessians, every distinct option of every linear quantized, every option row scored) and the quantization
// (reference pass, one option per linear with the self-check, forward through the quantized module).
#pragma once

#include "forward/transformer_model.h"
#include "timed_backend.h"

#include <cstdint>
#include <functional>
#include <string>

namespace exl2gpu {

struct PhaseResult {
    double seconds = 0;
    BackendStats stats;  // the ops the phase ran on the backend
};

struct LayerResult {
    PhaseResult forward;      // attention + MLP over all rows, original weights
    PhaseResult measurement;  // as the stage's " -- Measured: ... seconds" (attention and MLP)
    PhaseResult quantization; // as the quant stage for this layer (attention and MLP)
    int optionsQuantized = 0; // quantizeLinear calls of the measurement
    int optionRows = 0;       // option rows scored
    double bestAccuracy[2] = {0, 0};  // attention, MLP
    double quantBpw = 0;      // of the options the quantization used (the measured row nearest 4.0 bpw)
    double quantError = 0;    // relative Frobenius error of the quantized layer's output
};

// Runs layer `layer` over `states` and advances them through the unquantized layer (as measurement does).
// `log` receives one line per finished module.
LayerResult benchLayer(exl2::TransformerModel& model, TimedBackend& backend, int layer, exl2::HiddenStates& states,
                       const std::function<void(const std::string&)>& log);

}  // namespace exl2gpu
