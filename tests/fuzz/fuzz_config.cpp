// Fuzzes config.json parsing and validation for every supported architecture.
#include "fuzz_support.h"
#include "model/model_config.h"

#include <string>

int exl2fuzz::fuzzConfig(const uint8_t* data, size_t size)
{
    exl2fuzz::expectOnlyExl2Errors([&] {
        const auto config = exl2::parseModelConfig(std::string(exl2fuzz::asText(data, size)), "fuzz-model");
        // Accepted configs must describe one key set per layer.
        if (int64_t(config.layers.size()) != config.numLayers)
            exl2fuzz::fail("an accepted config has not one key set per layer");
        for (int64_t i = 0; i < config.numLayers; ++i)
            (void)config.isSlidingLayer(i);
        (void)config.rotaryDims();
    });
    return 0;
}

EXL2_FUZZ_ENTRY(exl2fuzz::fuzzConfig)
