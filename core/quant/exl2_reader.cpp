#include "quant/exl2_reader.h"

#include "quant/fp16_round.h"
#include "util/error.h"
#include "util/half.h"

#include <algorithm>
#include <cstring>

namespace exl2 {

namespace {

const char* typeName(DType t)
{
    return t == DType::I32 ? "I32" : t == DType::I16 ? "I16" : t == DType::F16 ? "F16" : "another dtype";
}

struct Reader {
    const Exl2Tensors& t;
    const std::string& ctx;

    [[noreturn]] void fail(const std::string& suffix, const std::string& what) const
    {
        throw Error(ErrorCode::Format, ctx + ": tensor \"" + suffix + "\" " + what);
    }

    template <typename T>
    std::vector<T> load(const std::string& suffix, DType dtype, size_t dims) const
    {
        const Exl2Tensor& x = t.at(suffix, ctx);
        if (x.dtype != dtype)
            fail(suffix, std::string("has dtype ") + typeName(x.dtype) + ", expected " + typeName(dtype) + " (§1)");
        if (x.shape.size() != dims)
            fail(suffix, "has " + std::to_string(x.shape.size()) + " dimensions, expected " + std::to_string(dims));
        size_t count = 1;
        for (int64_t d : x.shape) {
            if (d < 0)
                fail(suffix, "has a negative dimension");
            count *= static_cast<size_t>(d);
        }
        if (x.bytes.size() != count * sizeof(T))
            fail(suffix, "holds " + std::to_string(x.bytes.size()) + " bytes, its shape needs " +
                             std::to_string(count * sizeof(T)));
        std::vector<T> v(count);
        if (count)
            std::memcpy(v.data(), x.bytes.data(), x.bytes.size());
        return v;
    }
};

int unitRowsOf(int bits) { return bits == 3 || bits == 5 ? 32 : bits == 8 ? 4 : bits == 4 ? 8 : 16; }

}  // namespace

DequantizedExl2 dequantizeExl2(const Exl2Tensors& tensors, const std::string& ctx, float prescale)
{
    const Reader r{tensors, ctx};
    const auto qweight = r.load<uint32_t>("q_weight", DType::I32, 2);
    const auto invperm = r.load<int32_t>("q_invperm", DType::I32, 1);
    const auto qscale = r.load<uint32_t>("q_scale", DType::I32, 2);
    const auto qscaleMax = r.load<uint16_t>("q_scale_max", DType::F16, 1);
    const auto qgroups = r.load<int16_t>("q_groups", DType::I16, 1);
    const auto& wShape = tensors.at("q_weight", ctx).shape;
    const auto& sShape = tensors.at("q_scale", ctx).shape;
    const int64_t packedRows = wShape[0];
    const int64_t np = wShape[1];
    const int64_t groups = sShape[0];
    const int64_t k = int64_t(invperm.size());

    // Loader shape checks (§1, ext_qmatrix.cpp:57-75).
    if (np != 8 * sShape[1])
        r.fail("q_scale", "has " + std::to_string(sShape[1]) + " words per group, expected N_p/8 = " +
                              std::to_string(np / 8) + " for q_weight's " + std::to_string(np) + " columns");
    if (int64_t(qscaleMax.size()) != groups)
        r.fail("q_scale_max", "has " + std::to_string(qscaleMax.size()) + " entries, expected G = " + std::to_string(groups));
    if (int64_t(qgroups.size()) != 2 * groups || groups == 0)
        r.fail("q_groups", "has " + std::to_string(qgroups.size()) + " entries, expected 2·G = " + std::to_string(2 * groups) +
                               " with G > 0");

    DequantizedExl2 out;
    out.k = k;
    out.nPadded = np;
    if (const Exl2Tensor* b = tensors.find("bias")) {
        const auto bias = r.load<uint16_t>("bias", DType::F16, 1);
        if (int64_t(bias.size()) != np)
            r.fail("bias", "has " + std::to_string(bias.size()) + " entries, expected N_p = " + std::to_string(np));
        for (uint16_t h : bias)
            out.bias.push_back(halfToFloat(h));
        (void)b;
    }

    // §2.9 / §3 step 1: perm = argsort(q_invperm), which must be a permutation of 0..K−1.
    out.perm.assign(static_cast<size_t>(k), -1);
    for (int64_t i = 0; i < k; ++i) {
        const int32_t s = invperm[i];
        if (s < 0 || s >= k || out.perm[s] != -1)
            r.fail("q_invperm", "is not a permutation of 0.." + std::to_string(k - 1) + " (entry " + std::to_string(i) + ")");
        out.perm[s] = int32_t(i);
    }

    // §3 steps 2-5 into D [K stored rows][N_p].
    std::vector<float> d(static_cast<size_t>(k * np));
    std::vector<float> scale(static_cast<size_t>(np));
    int64_t row = 0;
    for (int64_t g = 0; g < groups; ++g) {
        const int bits = qgroups[2 * g];
        const int64_t prow = qgroups[2 * g + 1];
        const int64_t prowNext = g + 1 < groups ? qgroups[2 * g + 3] : packedRows;
        const std::string where = "group " + std::to_string(g);
        if (bits != 2 && bits != 3 && bits != 4 && bits != 5 && bits != 6 && bits != 8)
            r.fail("q_groups", where + " has " + std::to_string(bits) + " bits, expected 2, 3, 4, 5, 6 or 8");
        if (g > 0 && bits > qgroups[2 * g - 2])
            r.fail("q_groups", where + ": bit widths must not increase (§12 item 2)");
        if ((g == 0 && prow != 0) || prowNext <= prow || prowNext > packedRows || ((prowNext - prow) * 32) % bits != 0)
            r.fail("q_groups", where + " starts at packed row " + std::to_string(prow) +
                                   ": offsets must start at 0, increase, stay within q_weight and hold whole codes");
        int64_t rows = (prowNext - prow) * 32 / bits;
        if (g + 1 == groups) { // tail rule: the last group may end inside its final packing unit
            const int64_t left = k - row;
            if (left <= 0 || left > rows || rows - left >= unitRowsOf(bits))
                r.fail("q_invperm", "length K = " + std::to_string(k) + " does not match the " +
                                        std::to_string(row + rows) + " rows that q_groups/q_weight describe");
            rows = left;
        } else if (row + rows >= k) {
            r.fail("q_invperm", "length K = " + std::to_string(k) + " is too short for the groups in q_groups");
        }
        const float m = roundToHalf(halfToFloat(qscaleMax[g]) * (prescale / 256.0f));
        for (int64_t c = 0; c < np; ++c) {
            const uint32_t n = (qscale[g * (np / 8) + c / 8] >> (4 * (c % 8))) & 0xF;
            scale[c] = roundToHalf(float((n + 1) * (n + 1)) * m);
        }
        const int64_t zero = int64_t(1) << (bits - 1);
        const uint64_t mask = (uint64_t(1) << bits) - 1;
        const int unitRows = unitRowsOf(bits);
        const int unitWords = unitRows * bits / 32;
        for (int64_t j = 0; j < rows; ++j) {
            const int64_t unitBase = prow + (j / unitRows) * unitWords;
            const int64_t bit = bits * (j % unitRows);
            const int64_t w = bit / 32;
            const int shift = int(bit % 32);
            const uint32_t* lo = qweight.data() + (unitBase + w) * np;
            const uint32_t* hi = w + 1 < unitWords ? lo + np : nullptr;
            float* dst = d.data() + (row + j) * np;
            for (int64_t c = 0; c < np; ++c) {
                const uint64_t pair = uint64_t(lo[c]) | (hi ? uint64_t(hi[c]) << 32 : 0);
                const int64_t v = int64_t((pair >> shift) & mask);
                dst[c] = float(v - zero) * scale[c];
            }
            roundToHalfInPlace(dst, np); // D = fp16((v − z)·S), §3 step 5
        }
        row += rows;
    }

    // §3 step 6: W_T[i][c] = D[q_invperm[i]][c]; stored here as W[c][i] (HF layout).
    out.weight.resize(static_cast<size_t>(np * k));
    constexpr int64_t block = 32; // inputs per block, so each output row is written a cache line at a time
    for (int64_t i0 = 0; i0 < k; i0 += block) {
        const int64_t i1 = std::min(k, i0 + block);
        for (int64_t c = 0; c < np; ++c) {
            float* dst = out.weight.data() + c * k;
            for (int64_t i = i0; i < i1; ++i)
                dst[i] = d[int64_t(invperm[i]) * np + c];
        }
    }
    for (int64_t g = 0; g < groups; ++g)
        out.groupBits.push_back(qgroups[2 * g]);
    return out;
}

}  // namespace exl2
