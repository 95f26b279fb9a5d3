// A compiled PCRE2 pattern (UTF + Unicode properties, JIT when available) used by the Split
// pre-tokenizer, ByteLevel's GPT-2 pattern, character-class splitters and Replace components.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace exl2::tok {

class Regex {
public:
    // literal: match the pattern text as a plain string. where: named in the error when it fails to compile.
    Regex(std::string_view pattern, bool literal, const std::string& where);

    // Non-overlapping [begin, end) byte ranges of non-empty matches, left to right. text must be valid UTF-8.
    std::vector<std::pair<size_t, size_t>> findAll(std::string_view text) const;

private:
    std::shared_ptr<void> m_code;  // pcre2_code_8, freed by pcre2_code_free_8
};

}  // namespace exl2::tok
