#include "calibration/page_codec.h"

#include "calibration/parquet_metadata.h"
#include "util/error.h"

#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

namespace exl2::parquet {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& problem)
{
    throw Error(ErrorCode::Format, what + ": " + problem);
}

std::string inflateGzip(std::string_view in, size_t expected, const std::string& what)
{
    // Deflate cannot expand more than ~1032:1, so a larger declared size is a corrupt header.
    if (expected > in.size() * 1032 + 1024)
        fail(what, "declared page size " + std::to_string(expected) + " bytes is impossible for " +
                       std::to_string(in.size()) + " bytes of GZIP data");
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK)  // +32: accept both gzip and zlib headers
        fail(what, "cannot initialise zlib");
    std::string out(expected, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = Z_OK;
    while (rc == Z_OK && zs.avail_out > 0)
        rc = inflate(&zs, Z_FINISH);
    const size_t produced = expected - zs.avail_out;
    // A stream that still has output after filling the buffer is larger than declared.
    uint8_t probe = 0;
    if (rc != Z_STREAM_END && zs.avail_out == 0 && rc != Z_DATA_ERROR) {
        zs.next_out = &probe;
        zs.avail_out = 1;
        rc = inflate(&zs, Z_FINISH);
        if (zs.avail_out == 0)
            rc = Z_BUF_ERROR;
    }
    const char* msg = zs.msg;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        fail(what, std::string("GZIP data is corrupt or larger than the declared ") + std::to_string(expected) +
                       " bytes" + (msg ? std::string(" (zlib: ") + msg + ")" : std::string()));
    if (produced != expected)
        fail(what, "GZIP data inflates to " + std::to_string(produced) + " bytes, header declares " +
                       std::to_string(expected));
    return out;
}

}  // namespace

std::string decompressPage(int32_t codec, std::string_view in, size_t expected, const std::string& what)
{
    if (expected > kMaxPageBytes)
        fail(what, "declared page size " + std::to_string(expected) + " bytes is larger than the " +
                       std::to_string(kMaxPageBytes) + " byte limit");
    switch (static_cast<Codec>(codec)) {
    case Codec::Uncompressed:
        if (in.size() != expected)
            fail(what, "uncompressed page has " + std::to_string(in.size()) + " bytes, header declares " +
                           std::to_string(expected));
        return std::string(in);
    case Codec::Snappy: {
        size_t length = 0;
        if (snappy_uncompressed_length(in.data(), in.size(), &length) != SNAPPY_OK)
            fail(what, "SNAPPY data is corrupt (bad length preamble)");
        if (length != expected)
            fail(what, "SNAPPY data decompresses to " + std::to_string(length) + " bytes, header declares " +
                           std::to_string(expected));
        if (snappy_validate_compressed_buffer(in.data(), in.size()) != SNAPPY_OK)
            fail(what, "SNAPPY data is corrupt");
        std::string out(length, '\0');
        if (snappy_uncompress(in.data(), in.size(), out.data(), &length) != SNAPPY_OK || length != expected)
            fail(what, "SNAPPY data is corrupt");
        return out;
    }
    case Codec::Gzip:
        return inflateGzip(in, expected, what);
    case Codec::Zstd: {
        const unsigned long long size = ZSTD_getFrameContentSize(in.data(), in.size());
        if (size == ZSTD_CONTENTSIZE_ERROR)
            fail(what, "ZSTD data is corrupt (bad frame header)");
        if (size != ZSTD_CONTENTSIZE_UNKNOWN && size != expected)
            fail(what, "ZSTD data decompresses to " + std::to_string(size) + " bytes, header declares " +
                           std::to_string(expected));
        std::string out(expected, '\0');
        const size_t rc = ZSTD_decompress(out.data(), out.size(), in.data(), in.size());
        if (ZSTD_isError(rc))
            fail(what, std::string("ZSTD data is corrupt (") + ZSTD_getErrorName(rc) + ")");
        if (rc != expected)
            fail(what, "ZSTD data decompresses to " + std::to_string(rc) + " bytes, header declares " +
                           std::to_string(expected));
        return out;
    }
    default:
        throw Error(ErrorCode::Unsupported,
                    what + ": compression codec " + std::to_string(codec) +
                        " is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD)");
    }
}

}  // namespace exl2::parquet
