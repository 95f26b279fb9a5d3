// The {"pattern": {"String"|"Regex": ...}, "content": ...} replacement shared by the Replace
// normalizer and the Replace decoder.
#pragma once

#include "tokenizer/json_reader.h"
#include "tokenizer/regex.h"

#include <string>

namespace exl2::tok {

class ReplacePattern {
public:
    static ReplacePattern fromJson(const Json& spec, const std::string& path, const JsonReader& reader);
    std::string apply(const std::string& text) const;

private:
    ReplacePattern(Regex regex, std::string content) : m_regex(std::move(regex)), m_content(std::move(content)) {}
    Regex m_regex;
    std::string m_content;
};

// Reads a {"String": s} or {"Regex": r} pattern object into a Regex.
Regex patternFromJson(const Json& pattern, const std::string& path, const JsonReader& reader);

}  // namespace exl2::tok
