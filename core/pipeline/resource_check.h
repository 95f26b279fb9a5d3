// The resource preflight of a job: from the model's declared sizes and the settings, how many bytes the
// working folder and the output folder will hold and how much RAM the job needs at its peak; compared with
// statvfs and /proc/meminfo before any work starts, so a job that cannot fit is refused with the numbers.
#pragma once

#include "model/model_config.h"
#include "pipeline/job_settings.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace exl2 {

struct ResourceEstimate {
    using Parts = std::vector<std::pair<std::string, uint64_t>>;
    uint64_t workBytes = 0;    // the working folder (-o) at its fullest
    uint64_t outputBytes = 0;  // the -cf folder (0 without -cf: the output then lies in -o, counted above)
    uint64_t ramBytes = 0;     // resident peak, the memory-mapped weight files not included
    uint64_t mappedBytes = 0;  // the weight files (mapped: pageable, so only a warning when above MemAvailable)
    Parts workParts, outputParts, ramParts;  // what adds up, for the message
};

// `s` as the job will run it: small-model defaults and clamped lengths already applied.
ResourceEstimate estimateJobResources(const ModelConfig& config, const std::filesystem::path& modelDir,
                                      const JobSettings& s);

struct SystemResources {
    uint64_t workFree = 0, outputFree = 0;  // bytes free for an unprivileged user (statvfs f_bavail)
    bool sameFileSystem = true;             // -o and -cf on one file system: their needs add up
    uint64_t memTotal = 0, memAvailable = 0;
    uint64_t workUsedByJob = 0;             // bytes the resumed job already holds in -o (they need no new space)
};

// statvfs of the folders (their nearest existing parent) and /proc/meminfo. Test overrides, also for the CLI:
// EXL2_ASSUME_FREE_BYTES (every folder) and EXL2_ASSUME_MEM_BYTES (MemTotal and MemAvailable).
SystemResources probeSystemResources(const std::filesystem::path& workDir, const std::filesystem::path& outputDir);

// Throws Error(ResourceLimit) naming the folder, the bytes needed and free, or the RAM needed and MemTotal;
// logs a warning when RAM needed (mapped files included) is above MemAvailable.
void checkResourceFit(const ResourceEstimate& e, const SystemResources& sys, const std::filesystem::path& workDir,
                      const std::filesystem::path& outputDir, const std::function<void(const std::string&)>& log);

// The whole preflight for a job about to run (or resume) with settings `s` (lengths/rows not final yet: the
// small-model defaults and the clamp to max positions are applied to a copy first).
void preflightResources(const ModelConfig& config, const std::filesystem::path& modelDir, const JobSettings& s,
                        const std::function<void(const std::string&)>& log);

// "1.50 GiB", "312.0 MiB", "900 bytes".
std::string byteText(uint64_t bytes);

}  // namespace exl2
