#include "quant/group_schedule.h"

#include "util/error.h"

#include <cmath>

namespace exl2 {

int packUnitRows(int bits)
{
    switch (bits) {
    case 2: return 16;
    case 3: return 32;
    case 4: return 8;
    case 5: return 32;
    case 6: return 16;
    case 8: return 4;
    default:
        throw Error(ErrorCode::InvalidArgument,
                    "bit width " + std::to_string(bits) + " cannot be packed: expected 2, 3, 4, 5, 6 or 8");
    }
}

int packUnitWords(int bits) { return packUnitRows(bits) * bits / 32; }

GroupSchedule makeGroupSchedule(const QParams& qp, int64_t k, const std::string& context)
{
    qp.validate(context);
    if (k <= 0 || k > 65536)
        throw Error(ErrorCode::InvalidArgument,
                    context + ": layer height K = " + std::to_string(k) + ", expected 1..65536 (uint16 perm, §2.7)");
    GroupSchedule s;
    s.k = k;
    int64_t remaining = k;
    int64_t row = 0;
    for (size_t j = 0; j < qp.bits.size(); ++j) {
        const int b = qp.bits[j];
        const int64_t gs = qp.groupSize.at(b);
        // §2.2: g_j = ceil(min(K·p_j, remaining) / gs), K·p_j in double precision.
        const double want = std::min(double(k) * qp.bitsProp[j], double(remaining));
        const int64_t count = int64_t(std::ceil(want / double(gs)));
        if (count < 0)
            throw Error(ErrorCode::InvalidArgument, context + ": segment " + std::to_string(j) + " (" +
                                                        std::to_string(b) + " bits) gets a negative group count for K = " +
                                                        std::to_string(k) + " (§2.2 edge case)");
        for (int64_t g = 0; g < count && row < k; ++g) {
            QuantGroup q;
            q.bits = b;
            q.firstRow = row;
            q.rows = std::min<int64_t>(gs, k - row); // only the layer's last group is clamped
            const int unitRows = packUnitRows(b);
            q.packedRow = s.packedRows;
            q.packedRows = (q.rows + unitRows - 1) / unitRows * packUnitWords(b);
            s.packedRows += q.packedRows;
            row += q.rows;
            s.groups.push_back(q);
        }
        remaining -= count * gs;
    }
    if (remaining > 0)
        throw Error(ErrorCode::InvalidArgument, context + ": the segments cover only " + std::to_string(k - remaining) +
                                                    " of K = " + std::to_string(k) + " rows (§2.2 requires all)");
    if (s.packedRows >= 32768)
        throw Error(ErrorCode::InvalidArgument, context + ": " + std::to_string(s.packedRows) +
                                                    " packed rows, expected fewer than 32768 (int16 q_groups, §2.7)");
    return s;
}

uint64_t storedLinearBits(const QParams& qp, int64_t k, int64_t nPadded, int64_t biasLength,
                          const std::string& context)
{
    const GroupSchedule g = makeGroupSchedule(qp, k, context);
    const uint64_t groups = g.groups.size();
    return uint64_t(g.packedRows) * 32 * uint64_t(nPadded) + 4 * groups * uint64_t(nPadded) + 48 * groups +
           32 * uint64_t(k) + 16 * uint64_t(biasLength);
}

}  // namespace exl2
