// Hugging Face tokenizer.json (BPE family) encoder/decoder that reproduces the `tokenizers` library's ids
// bit for bit: added tokens, normalizers, pre-tokenizers, BPE, post-processor and decoders. Calibration text
// and prompts are tokenized with it. Thread-safe; copies share the loaded tables.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace exl2 {

class Tokenizer {
public:
    // Error(Io) when unreadable, Error(Format) for malformed JSON or fields, Error(Unsupported) for a
    // component type (model, normalizer, pre-tokenizer, post-processor, decoder) this class lacks.
    static Tokenizer fromFile(const std::filesystem::path& tokenizerJson);
    // The same on the file's contents already in memory; `fileName` only labels messages.
    static Tokenizer fromJsonText(std::string_view text, const std::string& fileName);
    // dir/tokenizer.json; dir/tokenizer_config.json, when present, names the BOS/EOS tokens.
    static Tokenizer fromModelDir(const std::filesystem::path& dir);

    // text must be valid UTF-8 (else Error(InvalidArgument) with the byte offset).
    std::vector<int32_t> encode(std::string_view text, bool addSpecialTokens) const;
    // Ids outside the vocabulary are skipped, as the library does.
    std::string decode(std::span<const int32_t> ids, bool skipSpecialTokens) const;
    std::optional<std::string> idToToken(int32_t id) const;
    std::optional<int32_t> tokenToId(std::string_view token) const;
    // Highest id + 1, counting added tokens: the embedding rows a model needs.
    int64_t vocabSize() const;
    std::optional<int32_t> bosTokenId() const;
    std::optional<int32_t> eosTokenId() const;

    // The loaded components (declared in tokenizer_impl.h), for tests and benchmarks that look inside.
    struct Impl;
    const Impl& impl() const { return *m_impl; }

private:
    explicit Tokenizer(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
    std::shared_ptr<const Impl> m_impl;
};

}  // namespace exl2
