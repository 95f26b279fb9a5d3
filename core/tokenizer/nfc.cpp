#include "tokenizer/nfc.h"

#include "tokenizer/nfc_data.h"
#include "tokenizer/utf8.h"

#include <algorithm>
#include <vector>

namespace exl2::nfc {

namespace {

constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

uint8_t combiningClass(char32_t cp)
{
    if (cp < 0x300)
        return 0;
    const auto* end = kCombiningClasses + kCombiningClassCount;
    const auto* it = std::lower_bound(kCombiningClasses, end, cp,
                                      [](const CombiningClass& e, char32_t c) { return e.cp < c; });
    return it != end && it->cp == cp ? it->ccc : 0;
}

void decompose(char32_t cp, std::vector<char32_t>& out)
{
    if (cp >= kSBase && cp < kSBase + kSCount) {
        const char32_t s = cp - kSBase;
        out.push_back(kLBase + s / kNCount);
        out.push_back(kVBase + (s % kNCount) / kTCount);
        if (s % kTCount)
            out.push_back(kTBase + s % kTCount);
        return;
    }
    const auto* end = kDecompositions + kDecompositionCount;
    const auto* it = std::lower_bound(kDecompositions, end, cp,
                                      [](const Decomposition& e, char32_t c) { return e.cp < c; });
    if (it == end || it->cp != cp) {
        out.push_back(cp);
        return;
    }
    decompose(it->first, out);
    if (it->second)
        decompose(it->second, out);
}

char32_t compose(char32_t a, char32_t b)
{
    if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount)
        return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
    if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount)
        return a + (b - kTBase);
    const auto* end = kCompositions + kCompositionCount;
    const auto* it = std::lower_bound(kCompositions, end, std::pair{a, b}, [](const Composition& e, auto key) {
        return e.first != key.first ? e.first < key.first : e.second < key.second;
    });
    return it != end && it->first == a && it->second == b ? it->composite : 0;
}

// Canonical decomposition followed by the canonical ordering of combining marks.
std::vector<char32_t> decomposeAll(std::string_view text)
{
    std::vector<char32_t> cps;
    cps.reserve(text.size());
    for (size_t pos = 0; pos < text.size();)
        decompose(utf8::next(text, pos), cps);
    for (size_t i = 0; i < cps.size();) {
        if (combiningClass(cps[i]) == 0) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < cps.size() && combiningClass(cps[j]) != 0)
            ++j;
        std::stable_sort(cps.begin() + static_cast<long>(i), cps.begin() + static_cast<long>(j),
                         [](char32_t x, char32_t y) { return combiningClass(x) < combiningClass(y); });
        i = j;
    }
    return cps;
}

bool isTrivial(std::string_view text)
{
    // Text below U+0300 has no combining marks, so NFC leaves it unchanged (lead bytes >= 0xCC start U+0300+).
    for (unsigned char c : text)
        if (c >= 0xCC)  // lead bytes of U+0300 and above
            return false;
    return true;
}

std::string encode(const std::vector<char32_t>& cps)
{
    std::string out;
    out.reserve(cps.size());
    for (char32_t cp : cps)
        utf8::append(out, cp);
    return out;
}

}  // namespace

std::string toNfd(std::string_view text)
{
    return encode(decomposeAll(text));
}

std::string toNfc(std::string_view text)
{
    if (isTrivial(text))
        return std::string(text);
    const std::vector<char32_t> cps = decomposeAll(text);
    std::vector<char32_t> out;
    out.reserve(cps.size());
    long starter = -1;   // index in out of the last starter (ccc 0)
    int lastClass = -1;  // ccc of the last character kept after that starter, -1 when none
    for (char32_t cp : cps) {
        const int cls = combiningClass(cp);
        // Not blocked: nothing between, or every mark between has a lower, non-zero class.
        if (starter >= 0 && (lastClass == -1 || (lastClass != 0 && lastClass < cls))) {
            if (const char32_t c = compose(out[static_cast<size_t>(starter)], cp)) {
                out[static_cast<size_t>(starter)] = c;
                continue;
            }
        }
        if (cls == 0) {
            starter = static_cast<long>(out.size());
            lastClass = -1;
        } else {
            lastClass = cls;
        }
        out.push_back(cp);
    }
    return encode(out);
}

}  // namespace exl2::nfc
