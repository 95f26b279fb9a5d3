// Calibration rows: rows × length token ids cut from a user's file or the built-in dataset, with a
// record of where they came from. The tokenizer is a callback, so this area does not depend on it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace exl2 {

// Encodes text to ids without BOS/EOS (the reference converter adds none to calibration rows).
using EncodeFn = std::function<std::vector<int32_t>(std::string_view text)>;

struct CalibrationSourceUse {
    std::string name;   // file path, or built-in category name
    size_t texts = 0;   // texts (parquet rows, jsonl lines, passages) encoded from it
    size_t tokens = 0;  // tokens of it that ended up in rows
    size_t rows = 0;    // rows that started with tokens from it
};

struct CalibrationRows {
    size_t rows = 0;
    size_t length = 0;
    std::vector<int32_t> ids;                  // rows × length, row-major
    std::vector<CalibrationSourceUse> sources;
    size_t tokensEncoded = 0;                  // tokens the encoder produced (may exceed rows × length)
    size_t passes = 1;                         // built-in: how many shuffled passes over the data were needed
    std::string description;                   // how the rows were filled, for people

    std::span<const int32_t> row(size_t r) const { return {ids.data() + r * length, length}; }
};

// The reference converter's custom-dataset path: texts encoded one by one and concatenated with no
// separator, stopping once rows × length ids exist; the first rows × length ids are used. Too few
// tokens is exl2::Error(InvalidArgument) saying how many there are and how many are needed.
CalibrationRows buildRowsFromTexts(const std::vector<std::string>& texts, const std::string& sourceName,
                                   size_t rows, size_t length, const EncodeFn& encode);
// readCalibrationTexts(file, column) then buildRowsFromTexts.
CalibrationRows buildRowsFromFile(const std::filesystem::path& file, const std::string& column, size_t rows,
                                  size_t length, const EncodeFn& encode);
// The built-in dataset, deterministic for a given seed (docs/calibration.md describes the procedure).
CalibrationRows buildRowsFromBuiltin(size_t rows, size_t length, uint64_t seed, const EncodeFn& encode);

// Embedding ids sanitation (reference 3.6): ids >= vocabSize become 0 and negative ids become 0.
// Noise rows (first id negative) must be detected before calling this. Returns how many ids changed.
size_t sanitizeTokenIds(std::span<int32_t> ids, int64_t vocabSize);

}  // namespace exl2
