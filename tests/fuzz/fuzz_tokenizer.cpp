// Fuzzes tokenizer.json loading and encode/decode. Input: the JSON, then optionally a NUL byte and the
// text to encode (the seed corpus pairs each real tokenizer.json with a sentence).
#include "fuzz_support.h"
#include "tokenizer/tokenizer.h"

#include <string_view>

int exl2fuzz::fuzzTokenizer(const uint8_t* data, size_t size)
{
    const std::string_view input = exl2fuzz::asText(data, size);
    const size_t nul = input.find('\0');
    const std::string_view json = input.substr(0, nul);
    const std::string_view text = nul == std::string_view::npos ? std::string_view("Hello world") : input.substr(nul + 1);
    exl2fuzz::expectOnlyExl2Errors([&] {
        const auto tokenizer = exl2::Tokenizer::fromJsonText(json, "fuzz/tokenizer.json");
        exl2fuzz::expectOnlyExl2Errors([&] {
            const auto ids = tokenizer.encode(text, true);
            for (int32_t id : ids)
                if (id < 0 || id >= tokenizer.vocabSize())
                    exl2fuzz::fail("encode returned an id outside the vocabulary");
            (void)tokenizer.decode(ids, false);
            (void)tokenizer.decode(ids, true);
        });
    });
    return 0;
}

EXL2_FUZZ_ENTRY(exl2fuzz::fuzzTokenizer)
