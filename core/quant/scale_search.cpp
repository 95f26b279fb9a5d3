#include "quant/scale_search.h"

#include "quant/parallel.h"
#include "util/half.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace exl2 {

namespace {

constexpr double kMinP = 0.70;
constexpr double kMaxP = 1.2;
constexpr int kGrid = 96;       // p_grid: 97 points, i = 0..96
constexpr int64_t kChunk = 256; // columns per work item; fixed so sums do not depend on thread count

// acc[c] += |clamp(rint(x/(s·p)), lo, hi)·s·p − x|^3.5 for one row (§5 step 5). |e|^3.5 = e³·√e.
__attribute__((target_clones("avx2", "default"))) void gridErrorRow(const float* x, const float* sBase, float p,
                                                                     float lo, float hi, int64_t n, float* acc)
{
    for (int64_t c = 0; c < n; ++c) {
        const float s = sBase[c] * p;
        float q = __builtin_rintf(x[c] / s);
        q = q < lo ? lo : (q > hi ? hi : q);
        const float e = __builtin_fabsf(q * s - x[c]);
        acc[c] += e * e * e * __builtin_sqrtf(e);
    }
}

}  // namespace

double gridFactor(int index) { return kMinP * (1.0 - double(index) / kGrid) + kMaxP * (double(index) / kGrid); }

void findParams(const float* x, int64_t rows, int64_t n, int64_t ld, int bits, GroupScales& out)
{
    const float maxq = float((1 << bits) - 1);
    const float qzero = float(1 << (bits - 1));
    out.bits = bits;
    out.qscale.resize(static_cast<size_t>(n));
    out.scale.resize(static_cast<size_t>(n));
    std::vector<float>& sBase = out.scale; // holds s̃_c until step 8 overwrites it

    // Steps 1-2: per-column max |x| (+1e-12), β_c = xmax/(maxq/2), σ = max β.
    std::vector<float> beta(static_cast<size_t>(n), 0.0f);
    for (int64_t r = 0; r < rows; ++r) {
        const float* row = x + r * ld;
        for (int64_t c = 0; c < n; ++c)
            beta[c] = std::max(beta[c], std::fabs(row[c]));
    }
    float sigma = 0.0f;
    for (int64_t c = 0; c < n; ++c) {
        beta[c] = (beta[c] + 1e-12f) / (maxq / 2.0f);
        sigma = std::max(sigma, beta[c]);
    }
    // Steps 3-4: n_c = clamp(rint(16·√(β/σ)), 1, 16), s̃_c = (n_c/16)²·σ, in float32.
    for (int64_t c = 0; c < n; ++c) {
        const float q = std::clamp(std::rint(16.0f * std::sqrt(beta[c] / sigma)), 1.0f, 16.0f);
        out.qscale[c] = uint8_t(q);
        const float f = q / 16.0f;
        sBase[c] = f * f * sigma;
    }

    // Steps 5-6: error grid, summed in double per chunk, chunks added in a fixed order.
    const int64_t chunks = (n + kChunk - 1) / kChunk;
    std::vector<std::array<double, kGrid + 1>> partial(static_cast<size_t>(chunks));
    parallelForEach(chunks, [&](int64_t chunk) {
        const int64_t c0 = chunk * kChunk;
        const int64_t width = std::min(kChunk, n - c0);
        std::array<float, kChunk> acc;
        for (int i = 0; i <= kGrid; ++i) {
            const float p = float(gridFactor(i));
            std::fill(acc.begin(), acc.end(), 0.0f);
            for (int64_t r = 0; r < rows; ++r)
                gridErrorRow(x + r * ld + c0, sBase.data() + c0, p, -qzero, maxq - qzero, width, acc.data());
            double sum = 0.0;
            for (int64_t c = 0; c < width; ++c)
                sum += acc[c];
            partial[chunk][i] = sum;
        }
    });
    int best = 0;
    double bestErr = 0.0;
    for (int i = 0; i <= kGrid; ++i) {
        double e = 0.0;
        for (const auto& part : partial)
            e += part[i];
        if (i == 0 || e < bestErr) { // first minimum wins
            best = i;
            bestErr = e;
        }
    }
    out.gridIndex = best;
    const double pStar = kMaxP * (double(best) / kGrid) + kMinP * (1.0 - double(best) / kGrid);

    // Steps 7-8: qscale_max = f32(σ·p*); s_c = fp16(fp16(n²)·fp16(fp16(qscale_max)·fp16(1/256))).
    out.qscaleMax = sigma * float(pStar); // torch multiplies a float32 tensor by the Python scalar in float32
    const float m = roundToHalf(roundToHalf(out.qscaleMax) * (1.0f / 256.0f));
    for (int64_t c = 0; c < n; ++c) {
        const float nn = float(out.qscale[c]) * float(out.qscale[c]);
        out.scale[c] = roundToHalf(nn * m);
    }
}

}  // namespace exl2
