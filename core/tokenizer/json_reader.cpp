#include "tokenizer/json_reader.h"

#include "util/error.h"

namespace exl2::tok {

namespace {

std::string join(const std::string& path, const char* key)
{
    return path.empty() ? std::string(key) : path + "." + key;
}

}  // namespace

void JsonReader::fail(const std::string& path, const std::string& expected) const
{
    throw Error(ErrorCode::Format, m_file + ": field '" + path + "': expected " + expected);
}

void JsonReader::unsupported(const std::string& path, const std::string& what) const
{
    throw Error(ErrorCode::Unsupported, m_file + ": field '" + path + "': " + what + " is not supported");
}

const Json& JsonReader::field(const Json& obj, const std::string& path, const char* key) const
{
    if (!obj.is_object())
        fail(path, "an object");
    const auto it = obj.find(key);
    if (it == obj.end())
        fail(join(path, key), "a value (the field is missing)");
    return *it;
}

const Json& JsonReader::object(const Json& obj, const std::string& path, const char* key) const
{
    const Json& v = field(obj, path, key);
    if (!v.is_object())
        fail(join(path, key), "an object");
    return v;
}

const Json& JsonReader::array(const Json& obj, const std::string& path, const char* key) const
{
    const Json& v = field(obj, path, key);
    if (!v.is_array())
        fail(join(path, key), "an array");
    return v;
}

std::string JsonReader::string(const Json& obj, const std::string& path, const char* key) const
{
    const Json& v = field(obj, path, key);
    if (!v.is_string())
        fail(join(path, key), "a string");
    return v.get<std::string>();
}

std::string JsonReader::optString(const Json& obj, const std::string& path, const char* key,
                                  std::string fallback) const
{
    if (!obj.is_object())
        fail(path, "an object");
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return fallback;
    if (!it->is_string())
        fail(join(path, key), "a string or null");
    return it->get<std::string>();
}

bool JsonReader::optBool(const Json& obj, const std::string& path, const char* key, bool fallback) const
{
    if (!obj.is_object())
        fail(path, "an object");
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return fallback;
    if (!it->is_boolean())
        fail(join(path, key), "true or false");
    return it->get<bool>();
}

int64_t JsonReader::integer(const Json& obj, const std::string& path, const char* key) const
{
    const Json& v = field(obj, path, key);
    if (!v.is_number_integer())
        fail(join(path, key), "an integer");
    return v.get<int64_t>();
}

int64_t JsonReader::optInteger(const Json& obj, const std::string& path, const char* key, int64_t fallback) const
{
    if (!obj.is_object())
        fail(path, "an object");
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return fallback;
    if (!it->is_number_integer())
        fail(join(path, key), "an integer");
    return it->get<int64_t>();
}

std::string JsonReader::type(const Json& obj, const std::string& path) const
{
    return string(obj, path, "type");
}

}  // namespace exl2::tok
