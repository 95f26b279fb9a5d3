// Unicode tables behind NFC/NFD, generated into nfc_data.cpp by scripts/make_tokenizer_goldens.py nfc.
// Each table is sorted by its first column. Hangul syllables are handled algorithmically, not here.
#pragma once

#include <cstddef>
#include <cstdint>

namespace exl2::nfc {

struct CombiningClass { char32_t cp; uint8_t ccc; };
struct Decomposition { char32_t cp; char32_t first; char32_t second; };  // second 0: singleton
struct Composition { char32_t first; char32_t second; char32_t composite; };

extern const CombiningClass kCombiningClasses[];
extern const size_t kCombiningClassCount;
extern const Decomposition kDecompositions[];
extern const size_t kDecompositionCount;
extern const Composition kCompositions[];
extern const size_t kCompositionCount;

}  // namespace exl2::nfc
