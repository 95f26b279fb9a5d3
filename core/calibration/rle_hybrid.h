// Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices), bounds-checked.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exl2::parquet {

// Decodes exactly `count` values of `bitWidth` bits (0..32) from `data` into `out` (cleared first).
// Throws exl2::Error(Format) naming `what` when the data ends early or a run is malformed.
void decodeRleHybrid(std::string_view data, int bitWidth, size_t count, std::vector<uint32_t>& out,
                     const std::string& what);

}  // namespace exl2::parquet
