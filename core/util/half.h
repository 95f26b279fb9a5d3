// IEEE fp16 and bfloat16 <-> float32 conversion (round to nearest even), as torch does it.
// The converter stores weights as fp16, so "fp16-rounding" a float is a common step.
#pragma once

#include <cstdint>
#include <cstring>

namespace exl2 {

float halfToFloat(uint16_t h);
uint16_t floatToHalf(float f);
inline float roundToHalf(float f) { return halfToFloat(floatToHalf(f)); }

inline float bf16ToFloat(uint16_t b)
{
    uint32_t u = uint32_t(b) << 16;
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}
uint16_t floatToBf16(float f);

}  // namespace exl2
