// GPT-2's reversible byte <-> printable character mapping used by ByteLevel pre-tokenizers and decoders.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace exl2::tok::byteLevel {

// Each byte of text replaced by the UTF-8 of its mapped character.
std::string encode(std::string_view text);
// The byte a mapped character stands for, or nullopt when cp is not in the mapping.
std::optional<unsigned char> byteOf(char32_t cp);

}  // namespace exl2::tok::byteLevel
