// The "added_tokens" of tokenizer.json: tokens found verbatim in the input before the model runs,
// with Hugging Face's leftmost-longest matching and lstrip/rstrip/single_word/normalized semantics.
#pragma once

#include "tokenizer/json_reader.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace exl2::tok {

struct AddedToken {
    int32_t id = 0;
    std::string content;
    bool special = false, lstrip = false, rstrip = false, singleWord = false, normalized = false;
};

// A part of the input: either an added token (tokenId set) or text for the normalizer and model.
struct Segment {
    std::string text;
    std::optional<int32_t> tokenId;
    bool atOrigin = false;
};

class AddedVocab {
public:
    AddedVocab() = default;
    // normalize: applied to the content of normalized tokens before matching, as the library does.
    AddedVocab(const Json& list, const std::string& path, const JsonReader& reader,
               const std::function<std::string(std::string)>& normalize);

    const std::vector<AddedToken>& tokens() const { return m_tokens; }
    const AddedToken* byId(int32_t id) const;
    const AddedToken* byContent(std::string_view content) const;

    // Splits text at the tokens matched on raw text (normalized = false) or on normalized text.
    void split(const Segment& segment, bool normalizedPass, std::vector<Segment>& out) const;

private:
    struct Trie {
        struct Node {
            std::vector<std::pair<unsigned char, int>> children;
            int token = -1;  // index into m_tokens
        };
        std::vector<Node> nodes{Node{}};
        void insert(std::string_view key, int token);
        // Longest token starting at text[pos], as (index, length).
        std::optional<std::pair<int, size_t>> longest(std::string_view text, size_t pos) const;
    };
    std::vector<AddedToken> m_tokens;
    std::unordered_map<int32_t, size_t> m_byId;
    std::unordered_map<std::string, size_t> m_byContent;
    Trie m_raw, m_normalized;
};

}  // namespace exl2::tok
