// The group schedule of one layer: which stored (act-order) rows form each quantization group, at which
// bit width, and where each group starts in the packed q_weight (format spec §2.2, §2.4, §2.7).
// Tail rule (K not a multiple of 32, docs/quantization.md): only the last group may be short; its packed
// rows are rounded up to whole packing units and the unused code slots hold the zero code 2^(b-1).
#pragma once

#include "quant/qparams.h"

#include <cstdint>
#include <string>
#include <vector>

namespace exl2 {

struct QuantGroup {
    int bits = 0;
    int64_t firstRow = 0;   // first stored row
    int64_t rows = 0;       // real rows (the last group may be short)
    int64_t packedRow = 0;  // first int32 row in q_weight (q_groups[2g+1])
    int64_t packedRows = 0; // ceil(rows / unitRows) * unitWords
};

struct GroupSchedule {
    int64_t k = 0;
    int64_t packedRows = 0; // q_weight.shape[0]
    std::vector<QuantGroup> groups;
};

// Rows R and words U of one packing unit (R·b = 32·U, §2.4 table). Throws for widths other than 2,3,4,5,6,8.
int packUnitRows(int bits);
int packUnitWords(int bits);

// The greedy ceil rule of §2.2 over K stored rows. Throws Error(InvalidArgument) naming `context` when the
// segments do not cover K or a segment count comes out negative.
GroupSchedule makeGroupSchedule(const QParams& qp, int64_t k, const std::string& context = "QParams");

// Bits one quantized linear (K rows, N padded to 32, optional fp16 bias) occupies on disk: packed codes,
// 4-bit scales, the group table and the permutation. Equals the reference cost when K is a multiple of
// 32; otherwise the short last group is rounded up to whole packing units, as the packer stores it.
uint64_t storedLinearBits(const QParams& qp, int64_t k, int64_t nPadded, int64_t biasLength,
                          const std::string& context);

}  // namespace exl2
