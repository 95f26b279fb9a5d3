// tokenizer.json "post_processor": the special tokens added around an encoding when
// addSpecialTokens is set (TemplateProcessing, Bert/Roberta, ByteLevel which adds none, Sequence).
#pragma once

#include "tokenizer/json_reader.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace exl2::tok {

class PostProcessor {
public:
    // nullptr spec: nothing is added.
    PostProcessor(const Json& spec, const std::string& path, const JsonReader& reader);

    std::vector<int32_t> apply(std::vector<int32_t> ids) const;
    // The first id the template puts before the sequence, if any (a BOS candidate).
    std::optional<int32_t> leadingId() const { return m_before.empty() ? std::nullopt : std::optional(m_before[0]); }
    std::optional<int32_t> trailingId() const { return m_after.empty() ? std::nullopt : std::optional(m_after.back()); }
    // Every id the processor adds, so the loader can check them against the vocabulary.
    std::vector<int32_t> addedIds() const;

private:
    void add(const Json& spec, const std::string& path, const JsonReader& reader);
    std::vector<int32_t> m_before, m_after;
};

}  // namespace exl2::tok
