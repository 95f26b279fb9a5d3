// tokenizer.json "decoder" components: ByteLevel, Metaspace, Replace, ByteFallback, Fuse, Strip and
// Sequence. They turn the token strings of an id sequence back into text, as the library does.
#pragma once

#include "tokenizer/json_reader.h"

#include <memory>
#include <string>
#include <vector>

namespace exl2::tok {

class Decoder {
public:
    virtual ~Decoder() = default;
    // Rewrites the list of token strings; the final text is their concatenation.
    virtual void decodeChain(std::vector<std::string>& tokens) const = 0;
};

// nullptr for a null/absent decoder (tokens are then joined with spaces).
std::unique_ptr<Decoder> makeDecoder(const Json& spec, const std::string& path, const JsonReader& reader);

}  // namespace exl2::tok
