// The calibration page's preview: the first rows of a dataset (or of the built-in text) and how many
// tokens they are for the chosen model's tokenizer, read through core/calibration and core/tokenizer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace exl2 {

struct CalibrationPreview {
    std::vector<std::string> rows;  // the first few rows
    size_t totalRows = 0;
    uint64_t tokens = 0;            // of `rows`, when a tokenizer was available
    bool tokensCounted = false;
};

// `file` "" = the built-in set. Throws exl2::Error naming the file and what was expected.
CalibrationPreview loadCalibrationPreview(const std::string& file, const std::string& column,
                                          const std::string& modelDir, size_t maxRows = 8);

}  // namespace exl2
