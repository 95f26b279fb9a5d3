// Fuzzes job.json reading (the resumable state of a conversion) the way loadJob() parses it.
#include "fuzz_support.h"
#include "pipeline/job_file.h"

#include <string>

int exl2fuzz::fuzzJob(const uint8_t* data, size_t size)
{
    nlohmann::ordered_json j;
    try {
        j = nlohmann::ordered_json::parse(exl2fuzz::asText(data, size));
    } catch (const nlohmann::json::exception&) {
        return 0;  // loadJob() turns this into Error(Format); the JSON library itself is not under test
    }
    exl2fuzz::expectOnlyExl2Errors([&] {
        const auto job = exl2::jobFromJson(j, "fuzz/job.json");
        (void)exl2::jobToJson(job);
    });
    return 0;
}

EXL2_FUZZ_ENTRY(exl2fuzz::fuzzJob)
