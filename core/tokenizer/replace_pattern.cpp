#include "tokenizer/replace_pattern.h"

namespace exl2::tok {

Regex patternFromJson(const Json& pattern, const std::string& path, const JsonReader& reader)
{
    if (!pattern.is_object())
        reader.fail(path, "an object {\"String\": ...} or {\"Regex\": ...}");
    const std::string where = reader.file() + ": field '" + path + "'";
    if (pattern.contains("String"))
        return Regex(reader.string(pattern, path, "String"), true, where);
    if (pattern.contains("Regex"))
        return Regex(reader.string(pattern, path, "Regex"), false, where);
    reader.fail(path, "an object {\"String\": ...} or {\"Regex\": ...}");
}

ReplacePattern ReplacePattern::fromJson(const Json& spec, const std::string& path, const JsonReader& reader)
{
    Regex regex = patternFromJson(reader.object(spec, path, "pattern"), path + ".pattern", reader);
    return ReplacePattern(std::move(regex), reader.string(spec, path, "content"));
}

std::string ReplacePattern::apply(const std::string& text) const
{
    const auto matches = m_regex.findAll(text);
    if (matches.empty())
        return text;
    std::string out;
    out.reserve(text.size() + matches.size() * m_content.size());
    size_t prev = 0;
    for (const auto& [b, e] : matches) {
        out.append(text, prev, b - prev);
        out += m_content;
        prev = e;
    }
    out.append(text, prev, std::string::npos);
    return out;
}

}  // namespace exl2::tok
