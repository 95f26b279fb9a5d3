// Typed access to the fields of a tokenizer.json with errors that name the file and the field path
// (Error(Format) for malformed input, Error(Unsupported) for a component type this tokenizer lacks).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace exl2::tok {

using Json = nlohmann::json;

class JsonReader {
public:
    explicit JsonReader(std::string file) : m_file(std::move(file)) {}
    const std::string& file() const { return m_file; }

    // obj must be an object holding key (of the given kind); path names obj, e.g. "model".
    const Json& object(const Json& obj, const std::string& path, const char* key) const;
    const Json& array(const Json& obj, const std::string& path, const char* key) const;
    std::string string(const Json& obj, const std::string& path, const char* key) const;
    // Missing or null gives fallback.
    std::string optString(const Json& obj, const std::string& path, const char* key, std::string fallback) const;
    bool optBool(const Json& obj, const std::string& path, const char* key, bool fallback) const;
    int64_t integer(const Json& obj, const std::string& path, const char* key) const;
    int64_t optInteger(const Json& obj, const std::string& path, const char* key, int64_t fallback) const;

    [[noreturn]] void fail(const std::string& path, const std::string& expected) const;
    [[noreturn]] void unsupported(const std::string& path, const std::string& what) const;
    // The "type" field of a component object.
    std::string type(const Json& obj, const std::string& path) const;

private:
    const Json& field(const Json& obj, const std::string& path, const char* key) const;
    std::string m_file;
};

}  // namespace exl2::tok
