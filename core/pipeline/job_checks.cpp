#include "pipeline/job_checks.h"

#include "util/error.h"
#include "util/format.h"
#include "util/python_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <regex>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

Error invalid(const std::string& message) { return Error(ErrorCode::InvalidArgument, message); }

bool validDevice(const std::string& d)
{
    static const std::regex re("^(auto|cpu|cuda|cuda:[0-9]+)$");
    return std::regex_match(d, re);
}

}  // namespace

void checkSettings(const JobSettings& s, bool resuming, const LogFn& log)
{
    if (s.outDir.empty())
        throw invalid("Please specify output/working directory (-o, --out_dir)");
    if (s.inDir.empty() && !resuming)
        throw invalid("Please specify input model directory (-i, --in_dir)");
    if (s.length > 2048 || s.measurementLength > 2048)
        log(" !! Warning: calibration rows > 2048 tokens may result in excessive VRAM use");
    if (s.headBits != 2 && s.headBits != 3 && s.headBits != 4 && s.headBits != 5 && s.headBits != 6 && s.headBits != 8)
        throw invalid("Error: " + std::to_string(s.headBits) + " is not a supported option for head layer bitrate");
    if (!s.outputMeasurement.empty() && !s.compileFull.empty())
        throw invalid("Conflicting options: --output_measurement and --compile_full");
    // Ours: the reference accepts this pair, skips measuring and never writes the -om file.
    if (!s.outputMeasurement.empty() && !s.reuseMeasurement.empty())
        throw invalid("Conflicting options: --output_measurement and --measurement (a reused measurement is not "
                      "measured again)");
    if (!std::isfinite(s.bits))
        throw invalid("Error: -b/--bits must be a finite number, got " + pythonFloatRepr(s.bits));
    if (s.bits < 2 || s.bits > 8)
        log(" !! Warning: target bitrate " + pythonFloatRepr(s.bits) + " will likely not be attainable");
    // Ours: the reference would crash later on these.
    if (s.datasetRows < 1 || s.measurementRows < 1)
        throw invalid("Error: -r/--dataset_rows and -mr/--measurement_rows must be at least 1");
    if (s.length < 2 || s.measurementLength < 2)
        throw invalid("Error: -l/--length and -ml/--measurement_length must be at least 2 tokens");
    if (!std::isfinite(s.shardSizeMiB))
        throw invalid("Error: -ss/--shard_size must be a number of MiB (<= 0 for unlimited)");
    if ((s.ropeScale && !(*s.ropeScale > 0)) || (s.ropeAlpha && !(*s.ropeAlpha > 0)))
        throw invalid("Error: -rs/--rope_scale and -ra/--rope_alpha must be positive numbers");
    if (!validDevice(s.device))
        throw invalid("Error: --device " + s.device + " is not one of cpu, cuda, cuda:N, auto");
    if (!s.reuseMeasurement.empty() && !resuming && !fs::is_regular_file(s.reuseMeasurement))
        throw invalid("Error: measurement file " + s.reuseMeasurement + " (-m) does not exist");
    if (!s.calDataset.empty() && !resuming && !fs::is_regular_file(s.calDataset))
        throw invalid("Error: calibration dataset " + s.calDataset + " (-c) does not exist");
}

void checkCompileFull(const std::string& cf, const LogFn& log)
{
    if (cf.empty())
        return;
    std::error_code ec;
    if (fs::exists(cf, ec) && !fs::is_directory(cf, ec))
        throw invalid("Error: Output path " + cf + " exists but is not a directory");
    if (fs::is_directory(cf, ec) && !fs::is_empty(cf, ec))
        log(" !! Warning: Output path " + cf + " exists but is not empty");
}

void checkRope(const ModelConfig& config, const fs::path& modelDir, const JobSettings& s, const LogFn& log)
{
    const RopeScaling& rs = config.ropeScaling;
    const bool scaled = rs.type != RopeScalingType::None;
    if (scaled)
        log(std::string(" -- RoPE scaling (config.json): ") + ropeScalingTypeName(rs.type) + ", factor " +
            fixedDecimals(rs.factor, 2) +
            (rs.originalMaxPositions > 0 ? ", original max positions " + std::to_string(rs.originalMaxPositions) : ""));
    if (scaled && s.ropeScale)
        log(" !! Warning: -rs/--rope_scale " + fixedDecimals(*s.ropeScale, 2) + " replaces the " +
            ropeScalingTypeName(rs.type) + " rope_scaling already in config.json: positions would be scaled twice "
            "if the model was trained with that scaling");
    if (scaled && s.ropeAlpha)
        log(" !! Warning: -ra/--rope_alpha " + fixedDecimals(*s.ropeAlpha, 2) + " is applied on top of the " +
            ropeScalingTypeName(rs.type) + " rope_scaling already in config.json (double scaling)");
    if (scaled || s.ropeScale || s.ropeAlpha)
        return;
    // Hints of a long-context model without scaling.
    const std::string name = modelDir.filename().empty() ? modelDir.parent_path().filename().string()
                                                         : modelDir.filename().string();
    std::smatch m;
    static const std::regex ctxRe("[-_.]([0-9]+)[kK]([-_.]|$)");
    if (std::regex_search(name, m, ctxRe)) {
        const int64_t claimed = std::stoll(m[1].str()) * 1024;
        if (claimed > config.maxPositions)
            log(" !! Warning: the folder name " + name + " suggests a " + m[1].str() +
                "k context, but config.json has no rope_scaling and max_position_embeddings = " +
                std::to_string(config.maxPositions) + "; check whether the model needs -rs/-ra or a rope_scaling entry");
    }
    std::ifstream in(modelDir / "config.json");
    const auto raw = nlohmann::json::parse(in, nullptr, false);
    if (raw.is_object() && raw.contains("original_max_position_embeddings") &&
        raw["original_max_position_embeddings"].is_number_integer()) {
        const int64_t orig = raw["original_max_position_embeddings"].get<int64_t>();
        if (orig > 0 && config.maxPositions >= 2 * orig)
            log(" !! Warning: max_position_embeddings (" + std::to_string(config.maxPositions) +
                ") is much larger than original_max_position_embeddings (" + std::to_string(orig) +
                ") but config.json sets no rope_scaling; calibration beyond " + std::to_string(orig) +
                " tokens may be out of distribution");
    }
}

bool clampLengths(JobSettings& s, int64_t maxPositions, const LogFn& log)
{
    bool changed = false;
    if (maxPositions > 0 && s.length > maxPositions) {
        log(" !! Warning: Reducing calibration length to model max context: " + std::to_string(maxPositions));
        s.length = int(maxPositions);
        changed = true;
    }
    if (maxPositions > 0 && s.measurementLength > maxPositions) {
        log(" !! Warning: Reducing measurement calibration length to model max context: " + std::to_string(maxPositions));
        s.measurementLength = int(maxPositions);
        changed = true;
    }
    return changed;
}

bool applySmallModelDefaults(JobSettings& s, const ModelConfig& c, const LogFn& log)
{
    if (!s.smallModelDefaults)
        return false;
    const int64_t q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    const int64_t perLayer = c.hiddenSize * (q + 2 * kv) + q * c.hiddenSize +
                             3 * c.hiddenSize * c.intermediateSize * std::max<int64_t>(1, c.numExperts);
    const int64_t weights = c.numLayers * perLayer;
    if (weights >= 50'000'000)
        return false;
    s.datasetRows = std::min(s.datasetRows, 16);
    s.measurementRows = std::min(s.measurementRows, 8);
    s.length = std::min(s.length, 256);
    s.measurementLength = std::min(s.measurementLength, 256);
    log(" -- Small model (" + fixedDecimals(double(weights) / 1e6, 2) + "M decoder weights): using -r " + std::to_string(s.datasetRows) +
        " -mr " + std::to_string(s.measurementRows) + " -l " + std::to_string(s.length) + " -ml " +
        std::to_string(s.measurementLength) + " (give any of -r/-mr/-l/-ml to choose yourself)");
    return true;
}

std::string resolveOutputMeasurement(const std::string& path)
{
    if (path.empty())
        return path;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return (fs::path(path) / "measurement.json").string();
    return path;
}

}  // namespace exl2
