// Reading calibration text from a user's file: parquet (a string column), JSON lines (a string field)
// or plain .txt, chosen by extension. Everything returned is valid UTF-8; bad input is an exl2::Error
// naming the file and the line, row or byte offset.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace exl2 {

// .parquet: the named column, else the first string column (nulls skipped).
// .jsonl / .json: one JSON object per line, the named field (default "text"); a .json file that holds
//                 one top-level array of such objects (or of strings) is accepted too.
// .txt: the whole file, cut after each blank-line run so that the pieces concatenate back to the file.
// Any other extension: exl2::Error(Unsupported) listing the supported ones.
std::vector<std::string> readCalibrationTexts(const std::filesystem::path& file, const std::string& column = {});

// The two text formats on bytes already in memory; `fileName` is used in messages only.
std::vector<std::string> parseJsonLines(std::string_view bytes, const std::string& fileName, const std::string& field = {});
std::vector<std::string> splitPlainText(std::string_view bytes, const std::string& fileName);

}  // namespace exl2
