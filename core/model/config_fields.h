// Typed, validated access to config.json fields: candidate keys tried in order (as exllamav2 does),
// an optional "text_config" fallback, ints accepted for floats and integral floats for ints.
// Every problem is an Error(Format) naming the file and the field.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace exl2 {

class ConfigFields {
public:
    ConfigFields(const nlohmann::json& root, std::filesystem::path file);

    const std::filesystem::path& file() const { return m_file; }
    const nlohmann::json& root() const { return m_root; }

    // The first present, non-null value among `keys` (top level, then text_config); nullptr if none.
    const nlohmann::json* find(std::initializer_list<const char*> keys, std::string* foundKey = nullptr) const;

    std::optional<int64_t> optInt(std::initializer_list<const char*> keys) const;
    std::optional<double> optDouble(std::initializer_list<const char*> keys) const;
    std::optional<bool> optBool(std::initializer_list<const char*> keys) const;
    std::optional<std::string> optString(std::initializer_list<const char*> keys) const;

    int64_t requiredInt(std::initializer_list<const char*> keys) const;         // must be > 0
    int64_t positiveInt(std::initializer_list<const char*> keys, int64_t fallback) const;

    // Conversions of one value (used for nested objects such as rope_scaling); `field` names it in messages.
    int64_t toInt(const nlohmann::json& v, const std::string& field) const;
    double toDouble(const nlohmann::json& v, const std::string& field) const;
    [[noreturn]] void fail(const std::string& field, const std::string& problem) const;

private:
    const nlohmann::json& m_root;
    std::filesystem::path m_file;
};

}  // namespace exl2
