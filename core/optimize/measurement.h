// measurement.json as data: the per-module option records that the measurement pass writes and the
// optimizer reads, in exllamav2's schema (key order kept), with validation that names the JSON path.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace exl2 {

// One linear's quantization recipe as stored in measurement.json ("QP"). Kept separate from the
// quantizer's own type so the file format does not depend on quantizer internals.
struct MeasuredQParams {
    std::vector<std::pair<int, int>> groupSize;  // bits -> group size, in file order
    std::vector<int> bits;
    std::vector<double> bitsProp;
    int scaleBits = 4;

    std::string description() const;  // "0.05:3b_64g/0.95:2b_64g s4", as exllamav2 prints it
    bool operator==(const MeasuredQParams&) const = default;
};

// One candidate of a module: its measured accuracy, its cost and the recipe of each linear.
struct OptionRecord {
    double accuracy = 0;
    uint64_t totalBits = 0;
    std::vector<std::pair<std::string, MeasuredQParams>> linears;  // "q_proj", ... in file order

    bool operator==(const OptionRecord&) const = default;
};

enum class MeasuredKind { SelfAttn, Mlp, BlockSparseMoe, ParallelDecoder, None };

// One entry of the "measurement" object. None = a null entry (norm, lm_head, pos_emb).
// ParallelDecoder keeps the attention records in `options` and the MLP records in `mlpOptions`.
struct MeasuredModule {
    std::string key;  // "model.layers.3.mlp"
    MeasuredKind kind = MeasuredKind::None;
    std::vector<OptionRecord> options;
    std::vector<OptionRecord> mlpOptions;

    bool operator==(const MeasuredModule&) const = default;
};

struct Measurement {
    std::vector<MeasuredModule> modules;  // file order
    int64_t lastModuleIdx = 0;

    const MeasuredModule* find(const std::string& key) const;
    bool operator==(const Measurement&) const = default;
};

// Parses measurement.json text (ours or exllamav2's). `fileName` only labels error messages.
// Throws Error(Format) naming the file and the JSON path of the first bad field.
Measurement parseMeasurement(const std::string& text, const std::string& fileName);
Measurement readMeasurement(const std::filesystem::path& path);

// Serialises exactly as exllamav2's json.dumps(measurement, indent=4) would.
std::string measurementToJsonText(const Measurement& m);
void writeMeasurement(const std::filesystem::path& path, const Measurement& m);

}  // namespace exl2
