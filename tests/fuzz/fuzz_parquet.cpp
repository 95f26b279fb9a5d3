// Fuzzes the parquet reader (footer, Thrift, pages, codecs) on in-memory bytes.
#include "calibration/parquet_reader.h"
#include "fuzz_support.h"

int exl2fuzz::fuzzParquet(const uint8_t* data, size_t size)
{
    exl2fuzz::expectOnlyExl2Errors([&] {
        (void)exl2::parseParquetTextColumn(exl2fuzz::asText(data, size), "fuzz.parquet");
    });
    return 0;
}

EXL2_FUZZ_ENTRY(exl2fuzz::fuzzParquet)
