// UTF-8 helpers for the tokenizer: code point decoding/encoding, validation, Rust-compatible lossy
// conversion (one U+FFFD per maximal ill-formed subpart) and the White_Space property.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace exl2::utf8 {

// Decodes the code point at text[pos] of valid UTF-8 and advances pos past it.
char32_t next(std::string_view text, size_t& pos);
void append(std::string& out, char32_t cp);
// Byte length of the character starting with lead byte b (1 for invalid leads).
inline size_t charLength(unsigned char b) { return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

// Offset of the first byte that makes text invalid UTF-8, or nullopt when it is valid.
std::optional<size_t> firstInvalid(std::string_view bytes);
// Like Rust's String::from_utf8_lossy.
std::string lossy(std::string_view bytes);

bool isWhitespace(char32_t cp);

}  // namespace exl2::utf8
