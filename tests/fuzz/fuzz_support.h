// Shared by the fuzz targets: the one rule they check is that a parser given any bytes either returns
// or throws exl2::Error. Each target is a function exl2fuzz::fuzz<Name>(data, size) so that the same
// code runs under libFuzzer (fuzz_<name>) and in test_fuzz_regressions (EXL2_FUZZ_REPLAY, any compiler).
#pragma once

#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace exl2fuzz {

int fuzzSafetensors(const uint8_t* data, size_t size);
int fuzzConfig(const uint8_t* data, size_t size);
int fuzzTokenizer(const uint8_t* data, size_t size);
int fuzzParquet(const uint8_t* data, size_t size);
int fuzzJsonl(const uint8_t* data, size_t size);
int fuzzMeasurement(const uint8_t* data, size_t size);
int fuzzJob(const uint8_t* data, size_t size);

// A broken promise of a parser that accepted the input. Under libFuzzer a trap (a crash it records);
// in the replay test an exception the test reports with the reason.
struct Violation : std::logic_error {
    using std::logic_error::logic_error;
};

[[noreturn]] inline void fail(const char* why)
{
#ifdef EXL2_FUZZ_REPLAY
    throw Violation(why);
#else
    (void)why;
    __builtin_trap();
#endif
}

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
            fail("exl2::Error with an empty message");
    }
}

}  // namespace exl2fuzz

// The libFuzzer entry point of a target file; absent in the replay build, which links all targets.
#ifdef EXL2_FUZZ_REPLAY
#define EXL2_FUZZ_ENTRY(fn)
#else
#define EXL2_FUZZ_ENTRY(fn)                                                                                \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { return fn(data, size); }
#endif
