// Unicode canonical normalization (NFC and NFD) for the tokenizer's normalizers, from the tables in
// nfc_data.cpp. Input must be valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace exl2::nfc {

std::string toNfc(std::string_view text);
std::string toNfd(std::string_view text);

}  // namespace exl2::nfc
