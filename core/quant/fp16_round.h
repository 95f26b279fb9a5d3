// Bulk fp16 rounding (round to nearest even, subnormals kept) of float arrays: the converter rounds every
// dequantized weight to fp16 (format spec §3 step 5, §6.3), so this sits on the GPTQ hot path.
#pragma once

#include <cstdint>

namespace exl2 {

// v[i] = roundToHalf(v[i]); uses the F16C instructions when the CPU has them (same results, tested).
void roundToHalfInPlace(float* v, int64_t count);

}  // namespace exl2
