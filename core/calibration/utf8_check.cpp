#include "calibration/utf8_check.h"

#include "util/error.h"

#include <cstdint>
#include <cstdio>

namespace exl2 {

size_t findInvalidUtf8(std::string_view text)
{
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        const uint8_t c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        uint32_t cp = 0, min = 0;
        if ((c & 0xe0) == 0xc0) { len = 2; cp = c & 0x1f; min = 0x80; }
        else if ((c & 0xf0) == 0xe0) { len = 3; cp = c & 0x0f; min = 0x800; }
        else if ((c & 0xf8) == 0xf0) { len = 4; cp = c & 0x07; min = 0x10000; }
        else return i;
        if (i + len > n)
            return i;
        for (size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xc0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

void requireUtf8(std::string_view text, const std::string& where, size_t baseOffset)
{
    const size_t bad = findInvalidUtf8(text);
    if (bad == std::string_view::npos)
        return;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned>(static_cast<uint8_t>(text[bad])));
    throw Error(ErrorCode::Format, where + ": text is not valid UTF-8 at byte offset " +
                                       std::to_string(baseOffset + bad) + " (byte " + hex +
                                       "); calibration text must be UTF-8");
}

}  // namespace exl2
