// UTF-8 validation for calibration text: the tokenizer assumes valid UTF-8, so bad bytes are reported
// up front with the file and byte offset instead of turning into odd tokens later.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace exl2 {

// Offset of the first byte that does not start a valid UTF-8 sequence (overlongs, surrogates and code
// points above U+10FFFF are invalid), or std::string_view::npos when the whole text is valid.
size_t findInvalidUtf8(std::string_view text);

// Throws exl2::Error(Format) "<where>: text is not valid UTF-8 at byte offset N" (N = baseOffset + local).
void requireUtf8(std::string_view text, const std::string& where, size_t baseOffset = 0);

}  // namespace exl2
