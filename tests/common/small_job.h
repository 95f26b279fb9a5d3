// The conversion job of a test: seeded, on the CPU, both calibration passes at rows x length tokens (the
// tests' small sizes instead of the converter's defaults). Each test then sets what its case varies.
#pragma once

#include "pipeline/job_settings.h"

#include <cstdint>
#include <filesystem>

namespace exl2test {

inline exl2::JobSettings smallCpuJob(const std::filesystem::path& model, const std::filesystem::path& work, int rows,
                                     int length, uint64_t seed)
{
    exl2::JobSettings s;
    s.inDir = model.string();
    s.outDir = work.string();
    s.datasetRows = s.measurementRows = rows;
    s.length = s.measurementLength = length;
    s.device = "cpu";
    s.seed = seed;
    return s;
}

}  // namespace exl2test
