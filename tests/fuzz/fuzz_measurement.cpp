// Fuzzes measurement.json parsing; an accepted file must also serialise without failing.
#include "fuzz_support.h"
#include "optimize/measurement.h"

#include <string>

int exl2fuzz::fuzzMeasurement(const uint8_t* data, size_t size)
{
    exl2fuzz::expectOnlyExl2Errors([&] {
        const auto m = exl2::parseMeasurement(std::string(exl2fuzz::asText(data, size)), "fuzz/measurement.json");
        (void)exl2::measurementToJsonText(m);
    });
    return 0;
}

EXL2_FUZZ_ENTRY(exl2fuzz::fuzzMeasurement)
