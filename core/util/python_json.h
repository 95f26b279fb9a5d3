// JSON text exactly as Python's json.dumps(obj, indent=4) prints it (separators, float repr, ASCII
// escapes), so files we write are byte-identical to the reference converter's and vice versa.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace exl2 {

// Python's repr() of a double: shortest round-trip digits, "1.0" for integral values, exponent form
// ("1e-05", "1.5e+16") outside 1e-4 <= |x| < 1e16, "NaN"/"Infinity" as json.dumps writes them.
std::string pythonFloatRepr(double value);

// json.dumps(value, indent=indent) with default separators and ensure_ascii=True; no trailing newline.
std::string dumpPythonJson(const nlohmann::ordered_json& value, int indent = 4);

}  // namespace exl2
