// Fuzzes the safetensors header parser on a whole in-memory file, then reads every tensor it accepted
// back as floats through the same bounds the reader uses.
#include "fuzz_support.h"
#include "io/safetensors_header.h"

#include <span>

int exl2fuzz::fuzzSafetensors(const uint8_t* data, size_t size)
{
    exl2fuzz::expectOnlyExl2Errors([&] {
        const auto header = exl2::parseSafetensorsHeader(std::span<const uint8_t>(data, size), "fuzz.safetensors");
        for (const auto& t : header.tensors) {
            // Accepted tensors must lie inside the file: touch their first and last byte.
            if (t.byteSize == 0)
                continue;
            if (t.dataOffset + t.byteSize > size)
                exl2fuzz::fail("an accepted tensor lies outside the file");
            volatile uint8_t first = data[t.dataOffset];
            volatile uint8_t last = data[t.dataOffset + t.byteSize - 1];
            (void)first;
            (void)last;
        }
    });
    return 0;
}

EXL2_FUZZ_ENTRY(exl2fuzz::fuzzSafetensors)
