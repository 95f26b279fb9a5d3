// tokenizer.json "pre_tokenizer" components: ByteLevel, Split, Metaspace, Digits, Punctuation,
// Whitespace/WhitespaceSplit and Sequence. They cut a normalized segment into the pieces ("words")
// that the BPE model encodes one at a time, following the Hugging Face split behaviours exactly.
#pragma once

#include "tokenizer/json_reader.h"

#include <memory>
#include <string>
#include <vector>

namespace exl2::tok {

struct Piece {
    std::string text;
    bool atOrigin = false;  // starts at offset 0 of the original input (Metaspace prepend_scheme "first")
};

class PreTokenizer {
public:
    virtual ~PreTokenizer() = default;
    // Replaces every piece by its sub-pieces; empty pieces are dropped.
    virtual void apply(std::vector<Piece>& pieces) const = 0;
};

// nullptr for a null/absent pre-tokenizer.
std::unique_ptr<PreTokenizer> makePreTokenizer(const Json& spec, const std::string& path, const JsonReader& reader);

}  // namespace exl2::tok
