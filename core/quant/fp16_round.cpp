#include "quant/fp16_round.h"

#include "util/half.h"

#include <immintrin.h>

namespace exl2 {

namespace {

__attribute__((target("avx,f16c"))) void roundF16c(float* v, int64_t count)
{
    int64_t i = 0;
    for (; i + 8 <= count; i += 8) {
        const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(v + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        _mm256_storeu_ps(v + i, _mm256_cvtph_ps(h));
    }
    for (; i < count; ++i)
        v[i] = roundToHalf(v[i]);
}

bool haveF16c()
{
    static const bool yes = __builtin_cpu_supports("avx") && __builtin_cpu_supports("f16c");
    return yes;
}

}  // namespace

void roundToHalfInPlace(float* v, int64_t count)
{
    if (haveF16c()) {
        roundF16c(v, count);
        return;
    }
    for (int64_t i = 0; i < count; ++i)
        v[i] = roundToHalf(v[i]);
}

}  // namespace exl2
