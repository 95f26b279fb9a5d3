#include "optimize/weight_counts.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace exl2 {

uint64_t linearTotalBits(int64_t k, int64_t n, const MeasuredQParams& qp, int64_t biasLength)
{
    // Group counts per bit width along K, in order; the last width takes whatever rows remain.
    const auto groupSizeOf = [&](int bits) {
        for (const auto& [b, g] : qp.groupSize)
            if (b == bits)
                return int64_t(g);
        return int64_t(1);
    };
    int64_t remaining = k, groups = 0, rowsLeft = k;
    int64_t bits = 0;
    for (size_t j = 0; j < qp.bits.size(); ++j) {
        const int64_t gs = groupSizeOf(qp.bits[j]);
        // Same float operations as the reference (K * p, min with the int remainder, / gs, ceil).
        const double want = std::min(double(k) * qp.bitsProp[j], double(remaining));
        const int64_t gj = int64_t(std::ceil(want / double(gs)));
        remaining -= gj * gs;
        groups += gj;
        const int64_t rows = std::min(gs * gj, rowsLeft);
        bits += rows * n * qp.bits[j];
        rowsLeft -= rows;
    }
    bits += 16 * groups + 32 * groups;         // q_scale_max (fp16) + q_groups
    bits += groups * n * qp.scaleBits;  // q_scale
    bits += 32 * k;                            // q_invperm
    bits += 16 * biasLength;
    return bits > 0 ? uint64_t(bits) : 0;
}

namespace {

int64_t pad32(int64_t n) { return (n + 31) / 32 * 32; }

// Options a, b with identical group layout and bits_b = bits_a + d everywhere: their cost difference is
// exactly d bits per weight (all metadata cancels, bias included).
std::optional<uint64_t> numelFromPair(const std::vector<OptionRecord>& options)
{
    for (size_t a = 0; a < options.size(); ++a) {
        for (size_t b = 0; b < options.size(); ++b) {
            const auto& ra = options[a];
            const auto& rb = options[b];
            if (rb.totalBits <= ra.totalBits || ra.linears.size() != rb.linears.size())
                continue;
            int d = 0;
            bool ok = true;
            for (size_t l = 0; l < ra.linears.size() && ok; ++l) {
                const auto& qa = ra.linears[l].second;
                const auto& qb = rb.linears[l].second;
                ok = ra.linears[l].first == rb.linears[l].first && qa.bits.size() == qb.bits.size() &&
                     qa.bitsProp == qb.bitsProp && qa.scaleBits == qb.scaleBits;
                for (size_t j = 0; ok && j < qa.bits.size(); ++j) {
                    const int dj = qb.bits[j] - qa.bits[j];
                    int ga = 0, gb = 0;
                    for (const auto& [bb, g] : qa.groupSize)
                        if (bb == qa.bits[j])
                            ga = g;
                    for (const auto& [bb, g] : qb.groupSize)
                        if (bb == qb.bits[j])
                            gb = g;
                    ok = dj > 0 && (d == 0 || dj == d) && ga == gb;
                    d = dj;
                }
            }
            if (ok && d > 0 && (rb.totalBits - ra.totalBits) % uint64_t(d) == 0)
                return (rb.totalBits - ra.totalBits) / uint64_t(d);
        }
    }
    return std::nullopt;
}

const MeasuredQParams* linearOf(const OptionRecord& r, const char* name)
{
    for (const auto& [n, qp] : r.linears)
        if (n == name)
            return &qp;
    return nullptr;
}

// Cost of one expert / dense MLP with hidden size h and intermediate size i.
uint64_t mlpBits(const OptionRecord& r, int64_t h, int64_t i, bool moe)
{
    const MeasuredQParams* gate = linearOf(r, moe ? "w1" : "gate_proj");
    const MeasuredQParams* up = linearOf(r, moe ? "w3" : "up_proj");
    const MeasuredQParams* down = linearOf(r, moe ? "w2" : "down_proj");
    uint64_t t = linearTotalBits(h, pad32(i), *up, 0) + linearTotalBits(i, pad32(h), *down, 0);
    if (gate)
        t += linearTotalBits(h, pad32(i), *gate, 0);
    return t;
}

// Searches intermediate size i; for each, hidden size h by bisection on option 0 (cost grows with h),
// then checks every option. Returns the weight count of the first consistent shape.
std::optional<uint64_t> numelFromMlpSearch(const std::vector<OptionRecord>& options, bool moe)
{
    const auto& first = options.front();
    const bool hasGate = linearOf(first, moe ? "w1" : "gate_proj") != nullptr;
    uint64_t common = 0;
    for (const auto& r : options)
        common = std::gcd(common, r.totalBits);
    for (uint64_t experts = 1; experts <= (moe ? 512u : 1u); ++experts) {
        if (common % experts)
            continue;
        const uint64_t target0 = first.totalBits / experts;
        for (int64_t i = 1; i <= (1 << 17); ++i) {
            int64_t lo = 1, hi = 1 << 16;
            while (lo < hi) {
                const int64_t mid = (lo + hi) / 2;
                if (mlpBits(first, mid, i, moe) < target0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (mlpBits(first, lo, i, moe) != target0)
                continue;
            const bool all = std::all_of(options.begin(), options.end(), [&](const OptionRecord& r) {
                return mlpBits(r, lo, i, moe) * experts == r.totalBits;
            });
            if (all)
                return experts * uint64_t((hasGate ? 2 : 1) * lo * pad32(i) + i * pad32(lo));
        }
    }
    return std::nullopt;
}

bool hasLinears(const std::vector<OptionRecord>& options, bool moe)
{
    for (const auto& r : options)
        if (!linearOf(r, moe ? "w3" : "up_proj") || !linearOf(r, moe ? "w2" : "down_proj"))
            return false;
    return true;
}

}  // namespace

std::optional<uint64_t> deriveModuleNumel(const std::vector<OptionRecord>& options, MeasuredKind kind)
{
    if (options.empty())
        return std::nullopt;
    if (auto n = numelFromPair(options))
        return n;
    const bool moe = kind == MeasuredKind::BlockSparseMoe;
    if ((kind == MeasuredKind::Mlp || moe) && hasLinears(options, moe))
        return numelFromMlpSearch(options, moe);
    return std::nullopt;
}

}  // namespace exl2
