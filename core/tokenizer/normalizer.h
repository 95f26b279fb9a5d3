// tokenizer.json "normalizer" components: NFC, NFD, Prepend, Replace, Strip and Sequence. Each
// rewrites the text of one segment (the parts between added tokens) before pre-tokenization.
#pragma once

#include "tokenizer/json_reader.h"

#include <memory>
#include <string>

namespace exl2::tok {

class Normalizer {
public:
    virtual ~Normalizer() = default;
    virtual std::string normalize(std::string text) const = 0;
};

// nullptr for a null/absent normalizer.
std::unique_ptr<Normalizer> makeNormalizer(const Json& spec, const std::string& path, const JsonReader& reader);

}  // namespace exl2::tok
