// Our own Apache Parquet reader for calibration text (no Arrow): it decodes the footer, picks one
// BYTE_ARRAY string column and returns its non-null values in row order. Data pages v1 and v2, PLAIN
// and dictionary encodings, UNCOMPRESSED/SNAPPY/GZIP/ZSTD; every malformed file is an exl2::Error.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace exl2 {

struct ParquetTextColumn {
    std::string column;               // the column that was read (dotted path for nested groups)
    std::vector<std::string> values;  // non-null values in row order; nulls are skipped
    size_t nullCount = 0;
};

// Reads `column` (a leaf name or dotted path), or when empty the first string column (UTF8-annotated
// BYTE_ARRAY preferred, else the first BYTE_ARRAY). Values must be valid UTF-8.
ParquetTextColumn readParquetTextColumn(const std::filesystem::path& file, const std::string& column = {});

// The same on bytes already in memory; `fileName` is only used in messages.
ParquetTextColumn parseParquetTextColumn(std::string_view bytes, const std::string& fileName,
                                         const std::string& column = {});

// Leaf column names (dotted paths) of a parquet file, in schema order, for listing in messages/UIs.
std::vector<std::string> parquetColumnNames(const std::filesystem::path& file);

}  // namespace exl2
