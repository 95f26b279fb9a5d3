// The reference converter's argument checks and notices (exl2-pipeline.md 1.2, in its order) and our
// RoPE sanity warnings. Errors throw exl2::Error(InvalidArgument) with the reference text; warnings
// and notices go to `log` as " !! ..." / " -- ..." lines.
#pragma once

#include "model/model_config.h"
#include "pipeline/job_settings.h"

#include <filesystem>
#include <functional>
#include <string>

namespace exl2 {

using LogFn = std::function<void(const std::string&)>;

// Checks that need no model: -o, -i, -hb, -om/-cf, -b, rows, lengths, shard size, device.
void checkSettings(const JobSettings& s, bool resuming, const LogFn& log);

// -cf checks (1.2 #10).
void checkCompileFull(const std::string& compileFull, const LogFn& log);

// RoPE: shows config rope_scaling, warns on double scaling (-rs/-ra on top of config scaling) and when
// the folder name or config hints at a long context that is not scaled. (runJob runs the resource
// preflight of resource_check.h separately, once the lengths are final.)
void checkRope(const ModelConfig& config, const std::filesystem::path& modelDir, const JobSettings& s,
               const LogFn& log);

// Clamps -l/-ml to the model's max positions (warning per the reference text). Returns true if changed.
bool clampLengths(JobSettings& s, int64_t maxPositions, const LogFn& log);

// With settings.smallModelDefaults and fewer than 50M decoder weights: the small-model rows and lengths.
bool applySmallModelDefaults(JobSettings& s, const ModelConfig& config, const LogFn& log);

// "-om DIR" means DIR/measurement.json (reference 1.1).
std::string resolveOutputMeasurement(const std::string& path);

}  // namespace exl2
