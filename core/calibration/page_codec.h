// Decompression of one Parquet page body (UNCOMPRESSED, SNAPPY, GZIP, ZSTD) into exactly the size its
// header declares; any mismatch or codec failure is an exl2::Error(Format) naming the page.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace exl2::parquet {

// Largest page body we agree to inflate: a corrupt header must not make us allocate gigabytes.
inline constexpr size_t kMaxPageBytes = size_t(512) << 20;

std::string decompressPage(int32_t codec, std::string_view compressed, size_t uncompressedSize, const std::string& what);

}  // namespace exl2::parquet
