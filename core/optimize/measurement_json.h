// Conversions between measurement records and JSON values, shared by measurement.json and strategy
// files. Readers validate and name the JSON path of the first bad field in their exl2::Error.
#pragma once

#include "optimize/measurement.h"

#include <nlohmann/json.hpp>

#include <string>

namespace exl2 {

nlohmann::ordered_json qparamsToJson(const MeasuredQParams& qp);
nlohmann::ordered_json recordToJson(const OptionRecord& record);

// `where` is "<file>: <json path>" and prefixes every message.
MeasuredQParams qparamsFromJson(const nlohmann::ordered_json& v, const std::string& where);
OptionRecord recordFromJson(const nlohmann::ordered_json& v, const std::string& where);

// Parses JSON text; a syntax error becomes Error(Format) naming the file and the byte offset.
nlohmann::ordered_json parseJsonText(const std::string& text, const std::string& fileName);

}  // namespace exl2
