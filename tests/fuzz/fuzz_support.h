// Shared by the fuzz targets: the one rule they check is that a parser given any bytes either returns
// or throws exl2::Error. Any other exception escapes LLVMFuzzerTestOneInput and libFuzzer reports it.
#pragma once

#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace exl2fuzz {

inline std::string_view asText(const uint8_t* data, size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

// Runs `parse`, swallowing only exl2::Error (the documented way to refuse bad input).
template <class F>
void expectOnlyExl2Errors(F&& parse)
{
    try {
        parse();
    } catch (const exl2::Error& e) {
        // An empty message would break the "names the file and what was expected" rule.
        if (e.what()[0] == '\0')
            __builtin_trap();
    }
}

}  // namespace exl2fuzz
