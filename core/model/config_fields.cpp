#include "model/config_fields.h"

#include "util/error.h"

#include <cmath>

namespace exl2 {

ConfigFields::ConfigFields(const nlohmann::json& root, std::filesystem::path file) : m_root(root), m_file(std::move(file)) {}

void ConfigFields::fail(const std::string& field, const std::string& problem) const
{
    throw Error(ErrorCode::Format, m_file.string() + ": field \"" + field + "\" " + problem);
}

const nlohmann::json* ConfigFields::find(std::initializer_list<const char*> keys, std::string* foundKey) const
{
    for (const nlohmann::json* scope : {&m_root, m_root.contains("text_config") ? &m_root.at("text_config") : nullptr}) {
        if (!scope || !scope->is_object())
            continue;
        for (const char* key : keys) {
            const auto it = scope->find(key);
            if (it != scope->end() && !it->is_null()) {
                if (foundKey)
                    *foundKey = key;
                return &*it;
            }
        }
    }
    return nullptr;
}

int64_t ConfigFields::toInt(const nlohmann::json& v, const std::string& field) const
{
    if (v.is_number_integer())
        return v.get<int64_t>();
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
            return int64_t(d);
    }
    fail(field, "must be an integer, found " + v.dump());
}

double ConfigFields::toDouble(const nlohmann::json& v, const std::string& field) const
{
    if (!v.is_number())
        fail(field, "must be a number, found " + v.dump());
    return v.get<double>();
}

std::optional<int64_t> ConfigFields::optInt(std::initializer_list<const char*> keys) const
{
    std::string key;
    const auto* v = find(keys, &key);
    return v ? std::optional<int64_t>(toInt(*v, key)) : std::nullopt;
}

std::optional<double> ConfigFields::optDouble(std::initializer_list<const char*> keys) const
{
    std::string key;
    const auto* v = find(keys, &key);
    return v ? std::optional<double>(toDouble(*v, key)) : std::nullopt;
}

std::optional<bool> ConfigFields::optBool(std::initializer_list<const char*> keys) const
{
    std::string key;
    const auto* v = find(keys, &key);
    if (!v)
        return std::nullopt;
    if (!v->is_boolean())
        fail(key, "must be true or false, found " + v->dump());
    return v->get<bool>();
}

std::optional<std::string> ConfigFields::optString(std::initializer_list<const char*> keys) const
{
    std::string key;
    const auto* v = find(keys, &key);
    if (!v)
        return std::nullopt;
    if (!v->is_string())
        fail(key, "must be a string, found " + v->dump());
    return v->get<std::string>();
}

int64_t ConfigFields::requiredInt(std::initializer_list<const char*> keys) const
{
    std::string key;
    const auto* v = find(keys, &key);
    if (!v)
        fail(*keys.begin(), "is missing (expected a positive integer)");
    const int64_t n = toInt(*v, key);
    if (n <= 0)
        fail(key, "must be a positive integer, found " + std::to_string(n));
    return n;
}

int64_t ConfigFields::positiveInt(std::initializer_list<const char*> keys, int64_t fallback) const
{
    std::string key;
    const auto* v = find(keys, &key);
    if (!v)
        return fallback;
    const int64_t n = toInt(*v, key);
    if (n <= 0)
        fail(key, "must be a positive integer, found " + std::to_string(n));
    return n;
}

}  // namespace exl2
