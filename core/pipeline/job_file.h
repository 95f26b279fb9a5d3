// job.json: the persistent state of a conversion job in its working directory (reference schema,
// exl2-pipeline.md 2.2, plus our fields: seed, settings, checkpoint files). Always written atomically.
#pragma once

#include "pipeline/job_settings.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace exl2 {

inline constexpr const char* kJobFileName = "job.json";
inline constexpr int kJobFormatVersion = 1;

struct JobRecord {
    JobSettings settings;             // as the job was created (a resumed job ignores the CLI's values)
    JobStage progress = JobStage::Begin;
    bool invalid = false;             // set by a crashed writer of an older format; refused on resume
    std::string calFilename;          // "cal_data.safetensors" of the current stage's rows
    nlohmann::ordered_json measurement;  // object keyed by module, null until measurement starts / -m
    int lastModuleIdx = -1;           // last module measured (-1: none yet)
    nlohmann::ordered_json strategy;     // chosen record per module, null until optimize
    int qLastModuleIdx = -1;          // last module quantized (-1: none yet)
    std::string statesFile;           // checkpoint of hidden states (relative to out_dir), "" = none
    int measurementRowsUsed = 0;      // rows actually tokenized for measurement (0 = not yet)
    int datasetRowsUsed = 0;          // rows actually tokenized for the quant pass
    double calibrationPerplexity = 0; // after the head is quantized
    double secondsSpent = 0;          // over all runs of this job
};

// Serialises with the reference key order first, then ours. `outDir` is written as out_dir.
nlohmann::ordered_json jobToJson(const JobRecord& job);
// Parses a job file's contents; throws exl2::Error(Format) naming `file` and the bad field.
JobRecord jobFromJson(const nlohmann::ordered_json& j, const std::string& file);

// Atomic save of <outDir>/job.json and its load (Io/Format errors name the file).
void saveJob(const std::filesystem::path& outDir, const JobRecord& job);
JobRecord loadJob(const std::filesystem::path& outDir);
bool jobExists(const std::filesystem::path& outDir);

}  // namespace exl2
