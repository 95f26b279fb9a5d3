// Fuzzes config.json parsing and validation for every supported architecture.
#include "fuzz_support.h"
#include "model/model_config.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    exl2fuzz::expectOnlyExl2Errors([&] {
        const auto config = exl2::parseModelConfig(std::string(exl2fuzz::asText(data, size)), "fuzz-model");
        // Accepted configs must describe one key set per layer.
        if (int64_t(config.layers.size()) != config.numLayers)
            __builtin_trap();
        for (int64_t i = 0; i < config.numLayers; ++i)
            (void)config.isSlidingLayer(i);
        (void)config.rotaryDims();
    });
    return 0;
}
