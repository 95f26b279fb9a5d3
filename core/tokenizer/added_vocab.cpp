#include "tokenizer/added_vocab.h"

#include "tokenizer/regex.h"
#include "tokenizer/utf8.h"

#include <algorithm>

namespace exl2::tok {

void AddedVocab::Trie::insert(std::string_view key, int token)
{
    size_t node = 0;
    for (unsigned char c : key) {
        int child = -1;
        for (const auto& [ch, idx] : nodes[node].children)
            if (ch == c)
                child = idx;
        if (child < 0) {
            child = static_cast<int>(nodes.size());
            nodes[node].children.emplace_back(c, child);
            nodes.emplace_back();
        }
        node = static_cast<size_t>(child);
    }
    if (nodes[node].token < 0)  // the first of duplicate contents wins
        nodes[node].token = token;
}

std::optional<std::pair<int, size_t>> AddedVocab::Trie::longest(std::string_view text, size_t pos) const
{
    std::optional<std::pair<int, size_t>> best;
    size_t node = 0;
    for (size_t i = pos; i < text.size(); ++i) {
        int child = -1;
        const auto c = static_cast<unsigned char>(text[i]);
        for (const auto& [ch, idx] : nodes[node].children)
            if (ch == c) {
                child = idx;
                break;
            }
        if (child < 0)
            break;
        node = static_cast<size_t>(child);
        if (nodes[node].token >= 0)
            best = std::pair{nodes[node].token, i + 1 - pos};
    }
    return best;
}

AddedVocab::AddedVocab(const Json& list, const std::string& path, const JsonReader& reader,
                       const std::function<std::string(std::string)>& normalize)
{
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string p = path + "[" + std::to_string(i) + "]";
        const Json& t = list[i];
        AddedToken token;
        const int64_t id = reader.integer(t, p, "id");
        if (id < 0 || id > INT32_MAX)
            reader.fail(p + ".id", "a non-negative 32-bit id");
        token.id = static_cast<int32_t>(id);
        token.content = reader.string(t, p, "content");
        if (token.content.empty())
            reader.fail(p + ".content", "a non-empty string");
        token.special = reader.optBool(t, p, "special", false);
        token.lstrip = reader.optBool(t, p, "lstrip", false);
        token.rstrip = reader.optBool(t, p, "rstrip", false);
        token.singleWord = reader.optBool(t, p, "single_word", false);
        token.normalized = reader.optBool(t, p, "normalized", !token.special);
        const int index = static_cast<int>(m_tokens.size());
        m_byId.emplace(token.id, m_tokens.size());
        m_byContent.emplace(token.content, m_tokens.size());
        if (token.normalized) {
            // The library keeps a normalized token in its normalized form: that is what is matched in
            // normalized text and what id_to_token and decode give back.
            std::string key = normalize(token.content);
            if (!key.empty()) {
                m_normalized.insert(key, index);
                m_byContent.emplace(key, m_tokens.size());
                token.content = std::move(key);
            }
        } else {
            m_raw.insert(token.content, index);
        }
        m_tokens.push_back(std::move(token));
    }
}

const AddedToken* AddedVocab::byId(int32_t id) const
{
    const auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_tokens[it->second];
}

const AddedToken* AddedVocab::byContent(std::string_view content) const
{
    const auto it = m_byContent.find(std::string(content));
    return it == m_byContent.end() ? nullptr : &m_tokens[it->second];
}

namespace {

// Word characters for single_word: \w with Unicode properties (letters, marks, numbers, connectors).
bool isWordChar(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == '_';
    static const Regex word(R"([\w\p{M}\p{Pc}])", false, "single_word pattern");
    std::string s;
    utf8::append(s, cp);
    return !word.findAll(s).empty();
}

char32_t lastChar(std::string_view s)
{
    size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
        --start;
    return utf8::next(s, start);
}

}  // namespace

void AddedVocab::split(const Segment& segment, bool normalizedPass, std::vector<Segment>& out) const
{
    const Trie& trie = normalizedPass ? m_normalized : m_raw;
    const std::string_view text = segment.text;
    auto emit = [&](size_t b, size_t e, std::optional<int32_t> id) {
        if (e > b)
            out.push_back(Segment{std::string(text.substr(b, e - b)), id, segment.atOrigin && b == 0});
    };
    if (trie.nodes[0].children.empty()) {
        emit(0, text.size(), std::nullopt);
        return;
    }
    size_t emitted = 0;  // end of what has been emitted so far
    size_t pos = 0;
    while (pos < text.size()) {
        const auto match = trie.longest(text, pos);
        if (!match) {
            pos += utf8::charLength(static_cast<unsigned char>(text[pos]));
            continue;
        }
        const AddedToken& token = m_tokens[static_cast<size_t>(match->first)];
        size_t start = pos, stop = pos + match->second;
        const size_t matchEnd = stop;
        if (token.singleWord) {
            size_t after = stop;
            const bool startOk = start == 0 || !isWordChar(lastChar(text.substr(0, start)));
            const bool stopOk = stop == text.size() || !isWordChar(utf8::next(text, after));
            if (!startOk || !stopOk) {
                pos = matchEnd;  // the rejected match is consumed, as with the library's match iterator
                continue;
            }
        }
        if (token.lstrip) {
            while (start > emitted) {
                size_t prevStart = start - 1;
                while (prevStart > 0 && (static_cast<unsigned char>(text[prevStart]) & 0xC0) == 0x80)
                    --prevStart;
                size_t probe = prevStart;
                if (!utf8::isWhitespace(utf8::next(text, probe)))
                    break;
                start = prevStart;
            }
        }
        if (token.rstrip) {
            while (stop < text.size()) {
                size_t probe = stop;
                if (!utf8::isWhitespace(utf8::next(text, probe)))
                    break;
                stop = probe;
            }
        }
        emit(emitted, start, std::nullopt);
        out.push_back(Segment{std::string(text.substr(start, stop - start)), token.id, segment.atOrigin && start == 0});
        emitted = stop;
        pos = std::max(matchEnd, stop);
    }
    emit(emitted, text.size(), std::nullopt);
}

}  // namespace exl2::tok
