#include "calibration/text_readers.h"

#include "calibration/parquet_reader.h"
#include "calibration/utf8_check.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace exl2 {

namespace {

std::string lowerExtension(const std::filesystem::path& file)
{
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

std::string takeString(const nlohmann::json& value, const std::string& field, const std::string& where)
{
    if (value.is_string())
        return value.get<std::string>();
    if (!value.is_object())
        throw Error(ErrorCode::Format, where + ": expected a JSON object with a string field '" + field +
                                           "', found " + value.type_name());
    const auto it = value.find(field);
    if (it == value.end()) {
        std::string keys;
        for (const auto& [k, v] : value.items())
            keys += (keys.empty() ? "" : ", ") + k;
        throw Error(ErrorCode::Format, where + ": no field '" + field + "' (fields: " + (keys.empty() ? "none" : keys) + ")");
    }
    if (!it->is_string())
        throw Error(ErrorCode::Format, where + ": field '" + field + "' is " + it->type_name() + ", expected a string");
    return it->get<std::string>();
}

}  // namespace

std::vector<std::string> parseJsonLines(std::string_view bytes, const std::string& fileName, const std::string& fieldName)
{
    const std::string field = fieldName.empty() ? "text" : fieldName;
    requireUtf8(bytes, fileName);
    std::vector<std::string> out;
    const size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && bytes[first] == '[') {  // a .json array instead of lines
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(bytes);
        } catch (const nlohmann::json::exception& e) {
            throw Error(ErrorCode::Format, fileName + ": not a valid JSON array: " + e.what());
        }
        for (size_t i = 0; i < doc.size(); ++i)
            out.push_back(takeString(doc[i], field, fileName + ": array element " + std::to_string(i)));
        return out;
    }
    size_t lineNo = 0, pos = 0;
    while (pos < bytes.size()) {
        size_t end = bytes.find('\n', pos);
        if (end == std::string_view::npos)
            end = bytes.size();
        std::string_view line = bytes.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;  // blank lines are allowed between records
        const std::string where = fileName + ": line " + std::to_string(lineNo);
        nlohmann::json record;
        try {
            record = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            throw Error(ErrorCode::Format, where + ": not valid JSON (" + e.what() + ")");
        }
        if (!record.is_object())
            throw Error(ErrorCode::Format, where + ": expected a JSON object per line, found " + record.type_name());
        out.push_back(takeString(record, field, where));
    }
    return out;
}

std::vector<std::string> splitPlainText(std::string_view bytes, const std::string& fileName)
{
    requireUtf8(bytes, fileName);
    std::vector<std::string> out;
    size_t start = 0, pos = 0;
    while (pos < bytes.size()) {
        const size_t blank = bytes.find("\n\n", pos);
        if (blank == std::string_view::npos)
            break;
        size_t end = blank + 2;
        while (end < bytes.size() && bytes[end] == '\n')
            ++end;
        out.emplace_back(bytes.substr(start, end - start));
        start = pos = end;
    }
    if (start < bytes.size())
        out.emplace_back(bytes.substr(start));
    return out;
}

std::vector<std::string> readCalibrationTexts(const std::filesystem::path& file, const std::string& column)
{
    const std::string ext = lowerExtension(file);
    if (ext == ".parquet")
        return readParquetTextColumn(file, column).values;
    if (ext == ".jsonl" || ext == ".json" || ext == ".ndjson")
        return parseJsonLines(readFile(file), file.string(), column);
    if (ext == ".txt") {
        if (!column.empty())
            throw Error(ErrorCode::InvalidArgument, file.string() + ": a column ('" + column +
                                                        "') was given but .txt files have no columns");
        return splitPlainText(readFile(file), file.string());
    }
    throw Error(ErrorCode::Unsupported, file.string() + ": unsupported calibration file extension '" + ext +
                                            "' (expected .parquet, .jsonl, .json or .txt)");
}

}  // namespace exl2
