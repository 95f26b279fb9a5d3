#include "pipeline/job_file.h"

#include "pipeline/job_stage.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace exl2 {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

json nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json nullable(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// Typed field access with one message format for every mistake.
template <typename T>
T field(const json& j, const char* key, const std::string& file, const char* expected)
{
    if (!j.contains(key))
        throw Error(ErrorCode::Format, file + ": field \"" + key + "\" is missing, expected " + expected);
    const json& v = j.at(key);
    if constexpr (std::is_integral_v<T>) {
        // nlohmann converts a float or an out-of-range integer with a plain cast: undefined for 1e31.
        const bool whole = v.is_number_integer() || (v.is_number_float() && std::trunc(v.get<double>()) == v.get<double>());
        const double d = v.is_number() ? v.get<double>() : 0.0;
        if (!whole || d < double(std::numeric_limits<T>::min()) || d > double(std::numeric_limits<T>::max()))
            throw Error(ErrorCode::Format, file + ": field \"" + key + "\" is " + v.dump() + ", expected " + expected);
    }
    try {
        return v.get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(ErrorCode::Format, file + ": field \"" + key + "\" is " + j.at(key).dump() + ", expected " + expected);
    }
}

template <typename T>
T optionalField(const json& j, const char* key, const std::string& file, const char* expected, T fallback)
{
    if (!j.contains(key) || j.at(key).is_null())
        return fallback;
    return field<T>(j, key, file, expected);
}

std::string stringOrNull(const json& j, const char* key, const std::string& file)
{
    return optionalField<std::string>(j, key, file, "a string or null", "");
}

}  // namespace

json jobToJson(const JobRecord& job)
{
    const JobSettings& s = job.settings;
    json j;
    j["in_dir"] = s.inDir;
    j["out_dir"] = s.outDir;
    j["cal_dataset"] = nullable(s.calDataset);
    j["bits"] = s.bits;
    j["dataset_rows"] = s.datasetRows;
    j["measurement_rows"] = s.measurementRows;
    j["length"] = s.length;
    j["measurement_length"] = s.measurementLength;
    j["head_bits"] = s.headBits;
    j["shard_size"] = s.shardSizeMiB;
    j["compile_full"] = nullable(s.compileFull);
    j["rope_scale"] = nullable(s.ropeScale);
    j["rope_alpha"] = nullable(s.ropeAlpha);
    j["output_measurement"] = nullable(s.outputMeasurement);
    j["progress"] = jobStageName(job.progress);
    if (!s.reuseMeasurement.empty())
        j["reuse_measurement"] = s.reuseMeasurement;
    if (!job.measurement.is_null())
        j["measurement"] = job.measurement;
    if (job.lastModuleIdx >= 0)
        j["last_module_idx"] = job.lastModuleIdx;
    if (!job.calFilename.empty())
        j["cal_filename"] = job.calFilename;
    if (!job.strategy.is_null())
        j["strategy"] = job.strategy;
    if (job.qLastModuleIdx >= 0)
        j["q_last_module_idx"] = job.qLastModuleIdx;
    if (job.invalid)
        j["invalid"] = true;
    // Our additions (the reference ignores unknown keys).
    j["format_version"] = kJobFormatVersion;
    j["seed"] = s.seed;
    j["settings"] = {{"cal_column", s.calColumn}, {"device", s.device}};
    j["states_file"] = job.statesFile;
    j["measurement_rows_used"] = job.measurementRowsUsed;
    j["dataset_rows_used"] = job.datasetRowsUsed;
    j["calibration_perplexity"] = job.calibrationPerplexity;
    j["seconds_spent"] = job.secondsSpent;
    return j;
}

JobRecord jobFromJson(const json& j, const std::string& file)
{
    if (!j.is_object())
        throw Error(ErrorCode::Format, file + ": expected a JSON object at the top level");
    JobRecord job;
    JobSettings& s = job.settings;
    s.inDir = stringOrNull(j, "in_dir", file);
    s.outDir = stringOrNull(j, "out_dir", file);
    s.calDataset = stringOrNull(j, "cal_dataset", file);
    s.bits = field<double>(j, "bits", file, "a number");
    s.datasetRows = field<int>(j, "dataset_rows", file, "an integer");
    s.measurementRows = field<int>(j, "measurement_rows", file, "an integer");
    s.length = field<int>(j, "length", file, "an integer");
    s.measurementLength = field<int>(j, "measurement_length", file, "an integer");
    s.headBits = field<int>(j, "head_bits", file, "an integer");
    s.shardSizeMiB = field<double>(j, "shard_size", file, "a number");
    s.compileFull = stringOrNull(j, "compile_full", file);
    if (j.contains("rope_scale") && !j["rope_scale"].is_null())
        s.ropeScale = field<double>(j, "rope_scale", file, "a number or null");
    if (j.contains("rope_alpha") && !j["rope_alpha"].is_null())
        s.ropeAlpha = field<double>(j, "rope_alpha", file, "a number or null");
    s.outputMeasurement = stringOrNull(j, "output_measurement", file);
    job.progress = parseJobStage(field<std::string>(j, "progress", file, "a stage name"), file);
    s.reuseMeasurement = stringOrNull(j, "reuse_measurement", file);
    if (j.contains("measurement"))
        job.measurement = j["measurement"];
    job.lastModuleIdx = optionalField<int>(j, "last_module_idx", file, "an integer", -1);
    job.calFilename = stringOrNull(j, "cal_filename", file);
    if (j.contains("strategy"))
        job.strategy = j["strategy"];
    job.qLastModuleIdx = optionalField<int>(j, "q_last_module_idx", file, "an integer", -1);
    job.invalid = j.contains("invalid");
    s.seed = optionalField<uint64_t>(j, "seed", file, "an unsigned integer", 0);
    if (j.contains("settings")) {
        const json& st = j["settings"];
        if (!st.is_object())
            throw Error(ErrorCode::Format, file + ": field \"settings\" is " + st.dump() + ", expected an object");
        s.calColumn = optionalField<std::string>(st, "cal_column", file, "a string", "");
        s.device = optionalField<std::string>(st, "device", file, "a string", "auto");
    }
    job.statesFile = optionalField<std::string>(j, "states_file", file, "a string", "");
    job.measurementRowsUsed = optionalField<int>(j, "measurement_rows_used", file, "an integer", 0);
    job.datasetRowsUsed = optionalField<int>(j, "dataset_rows_used", file, "an integer", 0);
    job.calibrationPerplexity = optionalField<double>(j, "calibration_perplexity", file, "a number", 0.0);
    job.secondsSpent = optionalField<double>(j, "seconds_spent", file, "a number", 0.0);
    return job;
}

void saveJob(const fs::path& outDir, const JobRecord& job)
{
    writeFileAtomically(outDir / kJobFileName, jobToJson(job).dump(4) + "\n");
}

bool jobExists(const fs::path& outDir) { return fs::exists(outDir / kJobFileName); }

JobRecord loadJob(const fs::path& outDir)
{
    const fs::path path = outDir / kJobFileName;
    const std::string text = readFile(path);
    json j;
    try {
        j = json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Format, path.string() + ": not valid JSON (" + e.what() + ")");
    }
    return jobFromJson(j, path.string());
}

}  // namespace exl2
