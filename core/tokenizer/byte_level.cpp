#include "tokenizer/byte_level.h"

#include "tokenizer/utf8.h"

#include <array>

namespace exl2::tok::byteLevel {

namespace {

struct Tables {
    std::array<std::string, 256> byteToUtf8;
    std::array<int, 0x200> charToByte{};  // every mapped character is below U+0200

    Tables()
    {
        charToByte.fill(-1);
        // Printable Latin-1 bytes map to themselves; the rest go to U+0100 upwards in byte order.
        char32_t nextFree = 0x100;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            const char32_t cp = printable ? static_cast<char32_t>(b) : nextFree++;
            utf8::append(byteToUtf8[static_cast<size_t>(b)], cp);
            charToByte[cp] = b;
        }
    }
};

const Tables& tables()
{
    static const Tables t;
    return t;
}

}  // namespace

std::string encode(std::string_view text)
{
    const auto& t = tables();
    std::string out;
    out.reserve(text.size() * 2);
    for (unsigned char b : text) {
        const std::string& mapped = t.byteToUtf8[b];
        if (mapped.size() == 1)
            out.push_back(mapped[0]);
        else
            out.append(mapped);
    }
    return out;
}

std::optional<unsigned char> byteOf(char32_t cp)
{
    if (cp >= 0x200)
        return std::nullopt;
    const int b = tables().charToByte[cp];
    if (b < 0)
        return std::nullopt;
    return static_cast<unsigned char>(b);
}

}  // namespace exl2::tok::byteLevel
