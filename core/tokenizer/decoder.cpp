#include "tokenizer/decoder.h"

#include "tokenizer/byte_level.h"
#include "tokenizer/replace_pattern.h"
#include "tokenizer/utf8.h"

namespace exl2::tok {

namespace {

class ByteLevelDecoder : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::string bytes;
        for (const std::string& t : tokens) {
            // A token whose characters are all in the byte map stands for those bytes; any other is raw text.
            std::string mapped;
            bool allMapped = true;
            for (size_t pos = 0; pos < t.size();) {
                const auto b = byteLevel::byteOf(utf8::next(t, pos));
                if (!b) {
                    allMapped = false;
                    break;
                }
                mapped.push_back(static_cast<char>(*b));
            }
            bytes += allMapped ? mapped : t;
        }
        tokens.assign(1, utf8::lossy(bytes));
    }
};

class MetaspaceDecoder : public Decoder {
public:
    MetaspaceDecoder(std::string replacement, bool stripFirst)
        : m_replacement(std::move(replacement)), m_stripFirst(stripFirst) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (size_t i = 0; i < tokens.size(); ++i) {
            std::string out;
            const std::string& t = tokens[i];
            for (size_t pos = 0; pos < t.size();) {
                if (t.compare(pos, m_replacement.size(), m_replacement) == 0) {
                    if (!(i == 0 && m_stripFirst && out.empty()))
                        out.push_back(' ');
                    pos += m_replacement.size();
                } else {
                    out.push_back(t[pos++]);
                }
            }
            tokens[i] = std::move(out);
        }
    }

private:
    std::string m_replacement;
    bool m_stripFirst;
};

class ReplaceDecoder : public Decoder {
public:
    explicit ReplaceDecoder(ReplacePattern pattern) : m_pattern(std::move(pattern)) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (std::string& t : tokens)
            t = m_pattern.apply(t);
    }

private:
    ReplacePattern m_pattern;
};

// Runs of <0xNN> tokens become their bytes when those are valid UTF-8, else one U+FFFD per byte.
class ByteFallbackDecoder : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::vector<std::string> out;
        std::string pending;
        size_t pendingCount = 0;
        auto flush = [&] {
            if (pendingCount == 0)
                return;
            if (!utf8::firstInvalid(pending)) {
                out.push_back(pending);
            } else {
                for (size_t i = 0; i < pendingCount; ++i)
                    out.emplace_back("\xEF\xBF\xBD");
            }
            pending.clear();
            pendingCount = 0;
        };
        for (std::string& t : tokens) {
            if (const int b = byteToken(t); b >= 0) {
                pending.push_back(static_cast<char>(b));
                ++pendingCount;
                continue;
            }
            flush();
            out.push_back(std::move(t));
        }
        flush();
        tokens = std::move(out);
    }

private:
    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    static int byteToken(const std::string& t)
    {
        if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>')
            return -1;
        const int hi = hexDigit(t[3]), lo = hexDigit(t[4]);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
};

class FuseDecoder : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::string all;
        for (const std::string& t : tokens)
            all += t;
        tokens.assign(1, std::move(all));
    }
};

// Removes up to `start` leading and `stop` trailing copies of one character from each token.
class StripDecoder : public Decoder {
public:
    StripDecoder(std::string content, size_t start, size_t stop)
        : m_content(std::move(content)), m_start(start), m_stop(stop) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        const size_t n = m_content.size();
        for (std::string& t : tokens) {
            size_t begin = 0, end = t.size();
            for (size_t i = 0; i < m_start && begin + n <= end && t.compare(begin, n, m_content) == 0; ++i)
                begin += n;
            for (size_t i = 0; i < m_stop && end >= begin + n && t.compare(end - n, n, m_content) == 0; ++i)
                end -= n;
            t = t.substr(begin, end - begin);
        }
    }

private:
    std::string m_content;
    size_t m_start, m_stop;
};

class SequenceDecoder : public Decoder {
public:
    explicit SequenceDecoder(std::vector<std::unique_ptr<Decoder>> parts) : m_parts(std::move(parts)) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (const auto& p : m_parts)
            p->decodeChain(tokens);
    }

private:
    std::vector<std::unique_ptr<Decoder>> m_parts;
};

}  // namespace

std::unique_ptr<Decoder> makeDecoder(const Json& spec, const std::string& path, const JsonReader& reader)
{
    if (spec.is_null())
        return nullptr;
    const std::string type = reader.type(spec, path);
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelDecoder>();
    if (type == "Metaspace") {
        const std::string scheme = reader.optString(spec, path, "prepend_scheme", "");
        const bool strip = scheme.empty() ? reader.optBool(spec, path, "add_prefix_space", true) : scheme != "never";
        return std::make_unique<MetaspaceDecoder>(reader.string(spec, path, "replacement"), strip);
    }
    if (type == "Replace")
        return std::make_unique<ReplaceDecoder>(ReplacePattern::fromJson(spec, path, reader));
    if (type == "ByteFallback")
        return std::make_unique<ByteFallbackDecoder>();
    if (type == "Fuse")
        return std::make_unique<FuseDecoder>();
    if (type == "Strip") {
        const int64_t start = reader.optInteger(spec, path, "start", 0), stop = reader.optInteger(spec, path, "stop", 0);
        if (start < 0 || stop < 0)
            reader.fail(path, "non-negative start and stop counts");
        return std::make_unique<StripDecoder>(reader.string(spec, path, "content"), static_cast<size_t>(start),
                                              static_cast<size_t>(stop));
    }
    if (type == "Sequence") {
        const Json& list = reader.array(spec, path, "decoders");
        std::vector<std::unique_ptr<Decoder>> parts;
        for (size_t i = 0; i < list.size(); ++i) {
            auto p = makeDecoder(list[i], path + ".decoders[" + std::to_string(i) + "]", reader);
            if (p)
                parts.push_back(std::move(p));
        }
        return std::make_unique<SequenceDecoder>(std::move(parts));
    }
    reader.unsupported(path + ".type", "decoder type '" + type + "'");
}

}  // namespace exl2::tok
