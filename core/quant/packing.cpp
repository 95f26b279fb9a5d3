#include "quant/packing.h"

#include "util/error.h"
#include "util/half.h"

#include <cstring>

namespace exl2 {

namespace {

template <typename T> std::vector<uint8_t> toBytes(const std::vector<T>& v)
{
    std::vector<uint8_t> b(v.size() * sizeof(T));
    if (!v.empty())
        std::memcpy(b.data(), v.data(), b.size());
    return b;
}

void fail(const std::string& what) { throw Error(ErrorCode::InvalidArgument, "packExl2: " + what); }

// One group: R rows per unit go into U words per column; code of local row i sits at bits [b·i, b·i+b)
// of the unit's little-endian word concatenation, straddling words where needed (§2.4).
void packGroup(const QuantGroup& g, const Exl2Codes& in, uint32_t* out)
{
    const int64_t np = in.nPadded;
    const int b = g.bits;
    const int unitRows = packUnitRows(b);
    const int unitWords = packUnitWords(b);
    const uint32_t zero = 1u << (b - 1);
    const uint32_t maxq = (1u << b) - 1;
    const int64_t units = g.packedRows / unitWords;
    for (int64_t u = 0; u < units; ++u) {
        uint32_t* words = out + (g.packedRow + u * unitWords) * np;
        std::memset(words, 0, sizeof(uint32_t) * static_cast<size_t>(unitWords * np));
        for (int i = 0; i < unitRows; ++i) {
            const int64_t local = u * unitRows + i;
            const int pos = b * i;
            uint32_t* lo = words + (pos / 32) * np;
            const int shift = pos % 32;
            const bool straddles = shift + b > 32;
            const uint8_t* row = local < g.rows ? in.codes.data() + (g.firstRow + local) * np : nullptr;
            for (int64_t c = 0; c < np; ++c) {
                const uint32_t v = row ? row[c] : zero;
                if (v > maxq)
                    fail("code " + std::to_string(v) + " at stored row " + std::to_string(g.firstRow + local) +
                         ", column " + std::to_string(c) + " exceeds " + std::to_string(b) + " bits");
                lo[c] |= v << shift;
                if (straddles)
                    lo[np + c] |= v >> (32 - shift);
            }
        }
    }
}

}  // namespace

Exl2Tensors packExl2(const GroupSchedule& s, const Exl2Codes& in)
{
    const int64_t k = s.k;
    const int64_t np = in.nPadded;
    const int64_t groups = int64_t(s.groups.size());
    if (np <= 0 || np % 32 != 0)
        fail("N_p = " + std::to_string(np) + ", expected a positive multiple of 32 (§2.1)");
    if (int64_t(in.codes.size()) != k * np)
        fail("codes hold " + std::to_string(in.codes.size()) + " values, expected K·N_p = " + std::to_string(k * np));
    if (int64_t(in.qscale.size()) != groups * np || int64_t(in.qscaleMax.size()) != groups)
        fail("scale codes / maxima do not match " + std::to_string(groups) + " groups of " + std::to_string(np) +
             " columns");
    if (int64_t(in.invperm.size()) != k)
        fail("q_invperm has " + std::to_string(in.invperm.size()) + " entries, expected K = " + std::to_string(k));
    if (!in.bias.empty() && int64_t(in.bias.size()) != np)
        fail("bias has " + std::to_string(in.bias.size()) + " entries, expected N_p = " + std::to_string(np));

    std::vector<uint32_t> qweight(static_cast<size_t>(s.packedRows * np));
    for (const QuantGroup& g : s.groups)
        packGroup(g, in, qweight.data());

    std::vector<uint32_t> qscale(static_cast<size_t>(groups * np / 8), 0);
    for (int64_t g = 0; g < groups; ++g)
        for (int64_t c = 0; c < np; ++c) {
            const uint32_t n = in.qscale[g * np + c];
            if (n < 1 || n > 16)
                fail("scale code " + std::to_string(n) + " of group " + std::to_string(g) + " is outside 1..16");
            qscale[(g * np + c) / 8] |= (n - 1) << (4 * (c % 8));
        }

    std::vector<uint16_t> qscaleMax(static_cast<size_t>(groups));
    std::vector<int16_t> qgroups(static_cast<size_t>(2 * groups));
    for (int64_t g = 0; g < groups; ++g) {
        qscaleMax[g] = floatToHalf(in.qscaleMax[g]);
        qgroups[2 * g] = int16_t(s.groups[g].bits);
        qgroups[2 * g + 1] = int16_t(s.groups[g].packedRow);
    }

    Exl2Tensors t;
    t.tensors.push_back({"q_weight", DType::I32, {s.packedRows, np}, toBytes(qweight)});
    t.tensors.push_back({"q_invperm", DType::I32, {k}, toBytes(in.invperm)});
    t.tensors.push_back({"q_scale", DType::I32, {groups, np / 8}, toBytes(qscale)});
    t.tensors.push_back({"q_scale_max", DType::F16, {groups}, toBytes(qscaleMax)});
    t.tensors.push_back({"q_groups", DType::I16, {2 * groups}, toBytes(qgroups)});
    if (!in.bias.empty()) {
        std::vector<uint16_t> bias(static_cast<size_t>(np));
        for (int64_t c = 0; c < np; ++c)
            bias[c] = floatToHalf(in.bias[c]);
        t.tensors.push_back({"bias", DType::F16, {np}, toBytes(bias)});
    }
    return t;
}

}  // namespace exl2
