// What a conversion job is asked to do (the exl2-convert flags, as data) and how it reports back.
// The CLI and the GUI worker both fill a JobSettings and a JobHooks and call runJob() (job.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace exl2 {

struct JobSettings {
    std::string inDir;                  // -i  HF model folder ("" when resuming)
    std::string outDir;                 // -o  working directory (required)
    bool noResume = false;              // -nr start over, deleting only files a job wrote
    std::string compileFull;            // -cf folder for the complete model ("" = none)
    std::string calDataset;             // -c  parquet/jsonl/txt ("" = built-in dataset)
    std::string calColumn;              //     column/field of -c to use ("" = first string column / "text")
    double bits = 4.125;                // -b  target bits per weight
    int headBits = 6;                   // -hb 2, 3, 4, 5, 6 or 8
    double shardSizeMiB = 8192;         // -ss (<= 0: unlimited)
    std::optional<double> ropeScale;    // -rs
    std::optional<double> ropeAlpha;    // -ra
    std::string outputMeasurement;      // -om measure only, write measurement.json here
    std::string reuseMeasurement;       // -m  reuse a measurement.json (ours or exllamav2's)
    std::string strategyFile;           // --strategy use this allocation (exported by the GUI inspector) instead of optimizing
    int datasetRows = 100;              // -r
    int measurementRows = 16;           // -mr
    int length = 2048;                  // -l
    int measurementLength = 2048;       // -ml
    std::string device = "auto";        // --device cpu|cuda|cuda:N|auto
    uint64_t seed = 0;                  // every random choice of the job derives from this
    // exl2-convert sets this when none of -r/-mr/-l/-ml was given: a new job on a model with fewer than
    // 50M decoder weights then uses -r 16 -mr 8 -l 256 -ml 256 (docs/pipeline.md), so tiny models convert
    // in seconds at default settings.
    bool smallModelDefaults = false;
};

enum class JobStage { Begin, InitialEmbeddings, MeasureQuant, Optimize, TokensCal, Embeddings, Quant, Compile, Finished };
const char* jobStageName(JobStage stage);   // "begin", "initial_embeddings", ... as in job.json

// Per-module results that the GUI charts, sent as they happen.
struct ModuleMeasured {
    int moduleIndex = 0, moduleCount = 0;
    std::string key;                      // "model.layers.3.self_attn"
    std::vector<double> optionBpw;        // bits per weight of each option measured
    std::vector<double> optionAccuracy;   // 1 - relative error, same order
};
struct ModuleQuantized {
    int moduleIndex = 0, moduleCount = 0;
    std::string key;                      // "model.layers.3.mlp"
    double bpw = 0;                       // of the option chosen
    double error = 0;                     // relative Frobenius error of the module output
};
struct StrategyChosen {
    std::vector<std::string> keys;        // module keys, attention and MLP per layer
    std::vector<double> bpw;              // bits per weight chosen for each
    double targetBpw = 0;
};

// Callbacks from the job, all optional; called on the job's thread. cancelRequested is polled at
// safe points (between modules, options and rows); when it turns true the job saves a consistent
// checkpoint and throws exl2::Error(Cancelled).
struct JobHooks {
    std::function<void(const std::string& line)> log;   // human lines (" -- ...", " !! ...")
    std::function<void(JobStage stage, double fraction, double etaSeconds)> progress;
    std::function<void(const ModuleMeasured&)> moduleMeasured;
    std::function<void(const StrategyChosen&)> strategyChosen;
    std::function<void(const ModuleQuantized&)> moduleQuantized;
    std::function<void(double perplexity)> calibrationPerplexity;
    std::atomic<bool>* cancelRequested = nullptr;
};

struct JobResult {
    std::string outputDir;        // where the EXL2 model is (compile_full or out_dir)
    bool measurementOnly = false;
    double actualBpw = 0;         // decoder layers, as compiled
    uint64_t bytesOnDisk = 0;     // of the output shards
    double calibrationPerplexity = 0;
    double seconds = 0;
};

}  // namespace exl2
