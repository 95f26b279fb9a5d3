// Fuzzes the JSON-lines and plain-text calibration readers on in-memory bytes.
#include "calibration/text_readers.h"
#include "fuzz_support.h"

int exl2fuzz::fuzzJsonl(const uint8_t* data, size_t size)
{
    const auto bytes = exl2fuzz::asText(data, size);
    exl2fuzz::expectOnlyExl2Errors([&] { (void)exl2::parseJsonLines(bytes, "fuzz.jsonl"); });
    exl2fuzz::expectOnlyExl2Errors([&] {
        // The pieces must concatenate back to the input, as the header promises.
        std::string joined;
        for (const auto& piece : exl2::splitPlainText(bytes, "fuzz.txt"))
            joined += piece;
        if (joined != bytes)
            exl2fuzz::fail("splitPlainText pieces do not concatenate back to the input");
    });
    return 0;
}

EXL2_FUZZ_ENTRY(exl2fuzz::fuzzJsonl)
