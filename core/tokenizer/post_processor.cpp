#include "tokenizer/post_processor.h"

namespace exl2::tok {

PostProcessor::PostProcessor(const Json& spec, const std::string& path, const JsonReader& reader)
{
    if (!spec.is_null())
        add(spec, path, reader);
}

void PostProcessor::add(const Json& spec, const std::string& path, const JsonReader& reader)
{
    const std::string type = reader.type(spec, path);
    if (type == "ByteLevel")
        return;  // only adjusts offsets
    if (type == "Sequence") {
        const Json& list = reader.array(spec, path, "processors");
        for (size_t i = 0; i < list.size(); ++i)
            add(list[i], path + ".processors[" + std::to_string(i) + "]", reader);
        return;
    }
    if (type == "BertProcessing" || type == "RobertaProcessing") {
        auto idOf = [&](const char* key) {
            const Json& pair = reader.array(spec, path, key);
            if (pair.size() != 2 || !pair[1].is_number_integer())
                reader.fail(path + "." + key, "a [token, id] pair");
            return pair[1].get<int32_t>();
        };
        m_before.push_back(idOf("cls"));
        m_after.insert(m_after.begin(), idOf("sep"));
        return;
    }
    if (type != "TemplateProcessing")
        reader.unsupported(path + ".type", "post-processor type '" + type + "'");

    const Json& single = reader.array(spec, path, "single");
    const Json& specials = reader.object(spec, path, "special_tokens");
    std::vector<int32_t> before, after;
    bool seenSequence = false;
    for (size_t i = 0; i < single.size(); ++i) {
        const std::string p = path + ".single[" + std::to_string(i) + "]";
        const Json& piece = single[i];
        if (piece.is_object() && piece.contains("Sequence")) {
            if (seenSequence)
                reader.fail(p, "one Sequence entry in a single-sequence template");
            seenSequence = true;
            continue;
        }
        if (!piece.is_object() || !piece.contains("SpecialToken"))
            reader.fail(p, "a {\"SpecialToken\": ...} or {\"Sequence\": ...} entry");
        const std::string name = reader.string(reader.object(piece, p, "SpecialToken"), p + ".SpecialToken", "id");
        if (!specials.contains(name))
            reader.fail(path + ".special_tokens", "an entry for '" + name + "'");
        const std::string sp = path + ".special_tokens[\"" + name + "\"]";
        const Json& ids = reader.array(specials[name], sp, "ids");
        for (const Json& id : ids) {
            if (!id.is_number_integer())
                reader.fail(sp + ".ids", "integer ids");
            (seenSequence ? after : before).push_back(id.get<int32_t>());
        }
    }
    if (!seenSequence)
        reader.fail(path + ".single", "a {\"Sequence\": {\"id\": \"A\"}} entry");
    m_before.insert(m_before.end(), before.begin(), before.end());
    m_after.insert(m_after.begin(), after.begin(), after.end());
}

std::vector<int32_t> PostProcessor::apply(std::vector<int32_t> ids) const
{
    if (m_before.empty() && m_after.empty())
        return ids;
    std::vector<int32_t> out;
    out.reserve(ids.size() + m_before.size() + m_after.size());
    out.insert(out.end(), m_before.begin(), m_before.end());
    out.insert(out.end(), ids.begin(), ids.end());
    out.insert(out.end(), m_after.begin(), m_after.end());
    return out;
}

std::vector<int32_t> PostProcessor::addedIds() const
{
    std::vector<int32_t> ids = m_before;
    ids.insert(ids.end(), m_after.begin(), m_after.end());
    return ids;
}

}  // namespace exl2::tok
