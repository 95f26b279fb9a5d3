// The EXL2 writer: integer codes, scale codes and group maxima of one layer into the stored tensors of
// format spec §1-§2 (q_weight bit packing §2.4, q_scale §2.5, q_scale_max §2.6, q_groups §2.7, bias §2.8).
#pragma once

#include "quant/exl2_tensors.h"
#include "quant/group_schedule.h"

#include <cstdint>
#include <vector>

namespace exl2 {

struct Exl2Codes {
    int64_t nPadded = 0;              // N_p, a multiple of 32 (§2.1)
    std::vector<uint8_t> codes;       // [K stored rows][N_p], each in [0, 2^b − 1] for its group's b
    std::vector<uint8_t> qscale;      // [G][N_p], each in 1..16 (stored as n − 1)
    std::vector<float> qscaleMax;     // [G], stored as fp16 (not divided by 256)
    std::vector<int32_t> invperm;     // [K]: stored row holding original input i (§2.3)
    std::vector<float> bias;          // empty, or [N_p] (zero beyond the real outputs)
};

// Packs `codes` per `schedule`. Unused code slots of a short last group hold 2^(b−1) (tail rule).
// Throws Error(InvalidArgument) when sizes disagree with the schedule or a code exceeds its width.
Exl2Tensors packExl2(const GroupSchedule& schedule, const Exl2Codes& codes);

}  // namespace exl2
