#include "tokenizer/normalizer.h"

#include "tokenizer/nfc.h"
#include "tokenizer/regex.h"
#include "tokenizer/replace_pattern.h"
#include "tokenizer/utf8.h"

#include <vector>

namespace exl2::tok {

namespace {

class NfcNormalizer : public Normalizer {
public:
    std::string normalize(std::string text) const override { return nfc::toNfc(text); }
};

class NfdNormalizer : public Normalizer {
public:
    std::string normalize(std::string text) const override { return nfc::toNfd(text); }
};

class PrependNormalizer : public Normalizer {
public:
    explicit PrependNormalizer(std::string prefix) : m_prefix(std::move(prefix)) {}
    std::string normalize(std::string text) const override { return text.empty() ? text : m_prefix + text; }

private:
    std::string m_prefix;
};

class ReplaceNormalizer : public Normalizer {
public:
    explicit ReplaceNormalizer(ReplacePattern pattern) : m_pattern(std::move(pattern)) {}
    std::string normalize(std::string text) const override { return m_pattern.apply(text); }

private:
    ReplacePattern m_pattern;
};

class StripNormalizer : public Normalizer {
public:
    StripNormalizer(bool left, bool right) : m_left(left), m_right(right) {}
    std::string normalize(std::string text) const override
    {
        size_t begin = 0, end = text.size();
        if (m_left) {
            while (begin < end) {
                size_t next = begin;
                if (!utf8::isWhitespace(utf8::next(text, next)))
                    break;
                begin = next;
            }
        }
        if (m_right) {
            while (end > begin) {
                size_t start = end - 1;
                while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
                    --start;
                size_t probe = start;
                if (!utf8::isWhitespace(utf8::next(text, probe)))
                    break;
                end = start;
            }
        }
        return text.substr(begin, end - begin);
    }

private:
    bool m_left, m_right;
};

class SequenceNormalizer : public Normalizer {
public:
    explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> parts) : m_parts(std::move(parts)) {}
    std::string normalize(std::string text) const override
    {
        for (const auto& p : m_parts)
            text = p->normalize(std::move(text));
        return text;
    }

private:
    std::vector<std::unique_ptr<Normalizer>> m_parts;
};

}  // namespace

std::unique_ptr<Normalizer> makeNormalizer(const Json& spec, const std::string& path, const JsonReader& reader)
{
    if (spec.is_null())
        return nullptr;
    const std::string type = reader.type(spec, path);
    if (type == "NFC")
        return std::make_unique<NfcNormalizer>();
    if (type == "NFD")
        return std::make_unique<NfdNormalizer>();
    if (type == "Prepend")
        return std::make_unique<PrependNormalizer>(reader.string(spec, path, "prepend"));
    if (type == "Replace")
        return std::make_unique<ReplaceNormalizer>(ReplacePattern::fromJson(spec, path, reader));
    if (type == "Strip")
        return std::make_unique<StripNormalizer>(reader.optBool(spec, path, "strip_left", true),
                                                 reader.optBool(spec, path, "strip_right", true));
    if (type == "Sequence") {
        const Json& list = reader.array(spec, path, "normalizers");
        std::vector<std::unique_ptr<Normalizer>> parts;
        for (size_t i = 0; i < list.size(); ++i) {
            auto p = makeNormalizer(list[i], path + ".normalizers[" + std::to_string(i) + "]", reader);
            if (p)
                parts.push_back(std::move(p));
        }
        return std::make_unique<SequenceNormalizer>(std::move(parts));
    }
    reader.unsupported(path + ".type", "normalizer type '" + type + "'");
}

}  // namespace exl2::tok
