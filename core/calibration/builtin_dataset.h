// The built-in calibration dataset: UTF-8 text files from resources/calibration/, one per category,
// embedded into the binary at build time (no files needed at run time, no Qt resources).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace exl2 {

struct BuiltinCategory {
    std::string_view name;  // the file's stem, e.g. "code_python"
    std::string_view text;  // its whole contents
};

// All categories, sorted by name. Throws exl2::Error(Internal) if the build embedded none.
const std::vector<BuiltinCategory>& builtinCalibrationCategories();

// A category's passages: its text cut at each run of two or more empty lines ("\n\n\n"); every passage
// keeps its text without the separator or surrounding newlines; empty passages are dropped.
std::vector<std::string_view> splitPassages(std::string_view text);

}  // namespace exl2
