#include "calibration/rle_hybrid.h"

#include "util/error.h"

#include <algorithm>

namespace exl2::parquet {

void decodeRleHybrid(std::string_view data, int bitWidth, size_t count, std::vector<uint32_t>& out,
                     const std::string& what)
{
    auto fail = [&](const std::string& problem) {
        throw Error(ErrorCode::Format, what + ": " + problem);
    };
    if (bitWidth < 0 || bitWidth > 32)
        fail("bit width " + std::to_string(bitWidth) + " is outside 0..32");
    out.clear();
    out.reserve(count);
    const auto* s = reinterpret_cast<const uint8_t*>(data.data());
    const size_t n = data.size();
    size_t pos = 0;
    while (out.size() < count) {
        uint64_t header = 0;
        for (int shift = 0;; shift += 7) {
            if (pos >= n)
                fail("RLE/bit-packed data ends after " + std::to_string(out.size()) + " of " +
                     std::to_string(count) + " values");
            if (shift > 63)
                fail("RLE/bit-packed run header is too long");
            header |= static_cast<uint64_t>(s[pos] & 0x7f) << shift;
            if (!(s[pos++] & 0x80))
                break;
        }
        if (header & 1) {  // bit-packed: groups of 8 values, least significant bit first
            const uint64_t groups = header >> 1;
            if (bitWidth > 0 && groups > (n - pos) / static_cast<uint64_t>(bitWidth))
                fail("bit-packed run of " + std::to_string(groups) + " groups runs past the data");
            const uint64_t values = groups * 8;
            const size_t bytes = static_cast<size_t>(groups) * bitWidth;
            uint64_t bitPos = 0;
            for (uint64_t i = 0; i < values && out.size() < count; ++i) {
                uint64_t v = 0;
                for (int b = 0; b < bitWidth; ++b, ++bitPos)
                    v |= static_cast<uint64_t>((s[pos + bitPos / 8] >> (bitPos % 8)) & 1) << b;
                out.push_back(static_cast<uint32_t>(v));
            }
            pos += bytes;
        } else {  // repeated run
            const uint64_t runLength = header >> 1;
            const size_t valueBytes = (bitWidth + 7) / 8;
            if (runLength == 0)
                fail("RLE run of length 0");
            if (valueBytes > n - pos)
                fail("RLE run value runs past the data");
            uint32_t v = 0;
            for (size_t b = 0; b < valueBytes; ++b)
                v |= static_cast<uint32_t>(s[pos + b]) << (8 * b);
            pos += valueBytes;
            const size_t take = static_cast<size_t>(std::min<uint64_t>(runLength, count - out.size()));
            out.insert(out.end(), take, v);
        }
    }
}

}  // namespace exl2::parquet
