#include "util/python_json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace exl2 {

std::string pythonFloatRepr(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0)
        return std::signbit(value) ? "-0.0" : "0.0";

    // Shortest round-trip digits in scientific form: "d[.ddd]e[+-]XX".
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string_view sci(buf, size_t(res.ptr - buf));
    std::string sign;
    if (sci.front() == '-') {
        sign = "-";
        sci.remove_prefix(1);
    }
    const size_t ePos = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, ePos))
        if (c != '.')
            digits += c;
    const int exponent = std::atoi(std::string(sci.substr(ePos + 1)).c_str());

    if (exponent < -4 || exponent >= 16) {  // Python's repr switches to exponent form here
        std::string out = sign + digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        char exp[16];
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        return out + exp;
    }
    std::string out = sign;
    if (exponent < 0) {
        out += "0." + std::string(size_t(-exponent - 1), '0') + digits;
    } else {
        const size_t intDigits = size_t(exponent) + 1;
        if (digits.size() <= intDigits)
            out += digits + std::string(intDigits - digits.size(), '0') + ".0";
        else
            out += digits.substr(0, intDigits) + "." + digits.substr(intDigits);
    }
    return out;
}

namespace {

void appendString(std::string& out, const std::string& s)
{
    out += '"';
    // Decode UTF-8 so non-ASCII characters become \uXXXX (surrogate pairs above the BMP), as ensure_ascii does.
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        uint32_t cp = c;
        size_t len = 1;
        if (c >= 0xF0 && i + 3 < s.size()) {
            cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
            len = 4;
        } else if (c >= 0xE0 && i + 2 < s.size()) {
            cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
            len = 3;
        } else if (c >= 0xC0 && i + 1 < s.size()) {
            cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
            len = 2;
        }
        i += len;
        char esc[16];
        switch (cp) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        default: break;
        }
        if (cp >= 0x20 && cp < 0x7F) {
            out += char(cp);
        } else if (cp >= 0x10000) {
            const uint32_t v = cp - 0x10000;
            std::snprintf(esc, sizeof esc, "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
            out += esc;
        } else {
            std::snprintf(esc, sizeof esc, "\\u%04x", cp);
            out += esc;
        }
    }
    out += '"';
}

void dumpValue(std::string& out, const nlohmann::ordered_json& v, int indent, int depth)
{
    const auto newline = [&](int d) { out += '\n' + std::string(size_t(indent * d), ' '); };
    switch (v.type()) {
    case nlohmann::json::value_t::null: out += "null"; break;
    case nlohmann::json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; break;
    case nlohmann::json::value_t::number_integer: out += std::to_string(v.get<int64_t>()); break;
    case nlohmann::json::value_t::number_unsigned: out += std::to_string(v.get<uint64_t>()); break;
    case nlohmann::json::value_t::number_float: out += pythonFloatRepr(v.get<double>()); break;
    case nlohmann::json::value_t::string: appendString(out, v.get<std::string>()); break;
    case nlohmann::json::value_t::array: {
        if (v.empty()) {
            out += "[]";
            break;
        }
        out += '[';
        bool first = true;
        for (const auto& item : v) {
            if (!first)
                out += ',';
            first = false;
            newline(depth + 1);
            dumpValue(out, item, indent, depth + 1);
        }
        newline(depth);
        out += ']';
        break;
    }
    case nlohmann::json::value_t::object: {
        if (v.empty()) {
            out += "{}";
            break;
        }
        out += '{';
        bool first = true;
        for (const auto& [key, item] : v.items()) {
            if (!first)
                out += ',';
            first = false;
            newline(depth + 1);
            appendString(out, key);
            out += ": ";
            dumpValue(out, item, indent, depth + 1);
        }
        newline(depth);
        out += '}';
        break;
    }
    default: out += "null"; break;  // binary / discarded values never occur in parsed JSON
    }
}

}  // namespace

std::string dumpPythonJson(const nlohmann::ordered_json& value, int indent)
{
    std::string out;
    dumpValue(out, value, indent, 0);
    return out;
}

}  // namespace exl2
