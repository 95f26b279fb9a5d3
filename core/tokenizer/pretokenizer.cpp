#include "tokenizer/pretokenizer.h"

#include "tokenizer/byte_level.h"
#include "tokenizer/regex.h"
#include "tokenizer/replace_pattern.h"
#include "tokenizer/split.h"

namespace exl2::tok {

namespace {

// GPT-2's pattern, as the ByteLevel pre-tokenizer uses it.
constexpr const char* kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

// Splits each piece with a pattern (regex matches, or single characters of a class) and a behaviour.
class PatternPreTokenizer : public PreTokenizer {
public:
    PatternPreTokenizer(Regex regex, SplitBehavior behavior, bool invert)
        : m_regex(std::move(regex)), m_behavior(behavior), m_invert(invert) {}
    void apply(std::vector<Piece>& pieces) const override
    {
        std::vector<Piece> out;
        out.reserve(pieces.size());
        for (const Piece& p : pieces)
            splitPiece(p, m_regex.findAll(p.text), m_behavior, m_invert, out);
        pieces = std::move(out);
    }

private:
    Regex m_regex;
    SplitBehavior m_behavior;
    bool m_invert;
};

class ByteLevelPreTokenizer : public PreTokenizer {
public:
    ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex)
        : m_addPrefixSpace(addPrefixSpace), m_useRegex(useRegex), m_regex(kGpt2Pattern, false, "ByteLevel pattern") {}
    void apply(std::vector<Piece>& pieces) const override
    {
        std::vector<Piece> split;
        split.reserve(pieces.size());
        for (Piece& p : pieces) {
            if (m_addPrefixSpace && (p.text.empty() || p.text[0] != ' '))
                p.text.insert(0, 1, ' ');
            if (m_useRegex)
                splitPiece(p, m_regex.findAll(p.text), SplitBehavior::Isolated, false, split);
            else if (!p.text.empty())
                split.push_back(std::move(p));
        }
        for (Piece& p : split)
            p.text = byteLevel::encode(p.text);
        pieces = std::move(split);
    }

private:
    bool m_addPrefixSpace, m_useRegex;
    Regex m_regex;
};

class MetaspacePreTokenizer : public PreTokenizer {
public:
    enum class Prepend { Always, First, Never };
    MetaspacePreTokenizer(std::string replacement, Prepend prepend, bool split)
        : m_replacement(std::move(replacement)), m_prepend(prepend), m_split(split),
          m_space(" ", true, "Metaspace"), m_marker(m_replacement, true, "Metaspace replacement")
    {
    }
    void apply(std::vector<Piece>& pieces) const override
    {
        std::vector<Piece> out;
        for (Piece& p : pieces) {
            std::string text;
            size_t prev = 0;
            for (const auto& [b, e] : m_space.findAll(p.text)) {
                text.append(p.text, prev, b - prev);
                text += m_replacement;
                prev = e;
            }
            text.append(p.text, prev, std::string::npos);
            const bool startsWith = text.compare(0, m_replacement.size(), m_replacement) == 0;
            if (!startsWith && (m_prepend == Prepend::Always || (m_prepend == Prepend::First && p.atOrigin)))
                text.insert(0, m_replacement);
            Piece replaced{std::move(text), p.atOrigin};
            if (m_split)
                splitPiece(replaced, m_marker.findAll(replaced.text), SplitBehavior::MergedWithNext, false, out);
            else if (!replaced.text.empty())
                out.push_back(std::move(replaced));
        }
        pieces = std::move(out);
    }

private:
    std::string m_replacement;
    Prepend m_prepend;
    bool m_split;
    Regex m_space, m_marker;
};

class SequencePreTokenizer : public PreTokenizer {
public:
    explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> parts) : m_parts(std::move(parts)) {}
    void apply(std::vector<Piece>& pieces) const override
    {
        for (const auto& p : m_parts)
            p->apply(pieces);
    }

private:
    std::vector<std::unique_ptr<PreTokenizer>> m_parts;
};

SplitBehavior behaviorFromJson(const Json& spec, const std::string& path, const JsonReader& reader)
{
    const std::string name = reader.string(spec, path, "behavior");
    if (auto b = splitBehaviorFromName(name))
        return *b;
    reader.fail(path + ".behavior", "one of Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous");
}

}  // namespace

std::unique_ptr<PreTokenizer> makePreTokenizer(const Json& spec, const std::string& path, const JsonReader& reader)
{
    if (spec.is_null())
        return nullptr;
    const std::string type = reader.type(spec, path);
    const std::string where = reader.file() + ": field '" + path + "'";
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelPreTokenizer>(reader.optBool(spec, path, "add_prefix_space", true),
                                                       reader.optBool(spec, path, "use_regex", true));
    if (type == "Split") {
        Regex regex = patternFromJson(reader.object(spec, path, "pattern"), path + ".pattern", reader);
        return std::make_unique<PatternPreTokenizer>(std::move(regex), behaviorFromJson(spec, path, reader),
                                                     reader.optBool(spec, path, "invert", false));
    }
    if (type == "Digits") {
        const bool individual = reader.optBool(spec, path, "individual_digits", false);
        // Rust's char::is_numeric: general categories Nd, Nl and No.
        return std::make_unique<PatternPreTokenizer>(Regex(R"(\p{N})", false, where),
                                                     individual ? SplitBehavior::Isolated : SplitBehavior::Contiguous,
                                                     false);
    }
    if (type == "Punctuation") {
        const std::string name = reader.optString(spec, path, "behavior", "Isolated");
        const auto behavior = splitBehaviorFromName(name);
        if (!behavior)
            reader.fail(path + ".behavior", "a split behaviour name");
        // ASCII punctuation (which includes symbols such as $ + < = > ^ ` | ~) or any Unicode P* character.
        return std::make_unique<PatternPreTokenizer>(Regex(R"([\p{P}!-/:-@\[-`{-~])", false, where), *behavior,
                                                     false);
    }
    if (type == "WhitespaceSplit")
        return std::make_unique<PatternPreTokenizer>(Regex(R"(\s+)", false, where), SplitBehavior::Removed, false);
    if (type == "Whitespace")
        return std::make_unique<PatternPreTokenizer>(Regex(R"(\w+|[^\w\s]+)", false, where), SplitBehavior::Removed,
                                                     true);
    if (type == "Metaspace") {
        const std::string scheme = reader.optString(spec, path, "prepend_scheme", "");
        auto prepend = MetaspacePreTokenizer::Prepend::Always;
        if (scheme == "first")
            prepend = MetaspacePreTokenizer::Prepend::First;
        else if (scheme == "never")
            prepend = MetaspacePreTokenizer::Prepend::Never;
        else if (scheme.empty() && !reader.optBool(spec, path, "add_prefix_space", true))
            prepend = MetaspacePreTokenizer::Prepend::Never;
        else if (!scheme.empty() && scheme != "always")
            reader.fail(path + ".prepend_scheme", "\"always\", \"first\" or \"never\"");
        return std::make_unique<MetaspacePreTokenizer>(reader.string(spec, path, "replacement"), prepend,
                                                       reader.optBool(spec, path, "split", true));
    }
    if (type == "Sequence") {
        const Json& list = reader.array(spec, path, "pretokenizers");
        std::vector<std::unique_ptr<PreTokenizer>> parts;
        for (size_t i = 0; i < list.size(); ++i) {
            auto p = makePreTokenizer(list[i], path + ".pretokenizers[" + std::to_string(i) + "]", reader);
            if (p)
                parts.push_back(std::move(p));
        }
        return std::make_unique<SequencePreTokenizer>(std::move(parts));
    }
    reader.unsupported(path + ".type", "pre-tokenizer type '" + type + "'");
}

}  // namespace exl2::tok
