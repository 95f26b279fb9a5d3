// Parquet's footer (FileMetaData) and page headers as plain structs, decoded from Thrift compact bytes.
// Only the fields a text-column reader needs are kept; everything else is skipped. Internal to the
// parquet reader, exposed as a header so tests can reach the decoded layout.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exl2::parquet {

enum class PhysicalType : int32_t { Boolean = 0, Int32 = 1, Int64 = 2, Int96 = 3, Float = 4, Double = 5, ByteArray = 6, FixedLenByteArray = 7 };
enum class Repetition : int32_t { Required = 0, Optional = 1, Repeated = 2 };
enum class Codec : int32_t { Uncompressed = 0, Snappy = 1, Gzip = 2, Lzo = 3, Brotli = 4, Lz4 = 5, Zstd = 6, Lz4Raw = 7 };
enum class Encoding : int32_t { Plain = 0, PlainDictionary = 2, Rle = 3, BitPacked = 4, DeltaBinaryPacked = 5, DeltaLengthByteArray = 6, DeltaByteArray = 7, RleDictionary = 8, ByteStreamSplit = 9 };
enum class PageType : int32_t { DataPage = 0, IndexPage = 1, DictionaryPage = 2, DataPageV2 = 3 };

struct SchemaElement {
    int32_t type = -1;  // PhysicalType, -1 for a group
    int32_t repetition = 0;
    std::string name;
    int32_t numChildren = 0;
    int32_t convertedType = -1;  // 0 = UTF8
    bool logicalString = false;
};

struct ColumnChunk {
    int32_t type = -1;
    std::vector<std::string> path;
    int32_t codec = 0;
    int64_t numValues = 0;
    int64_t totalCompressedSize = 0;
    int64_t dataPageOffset = -1;
    int64_t dictionaryPageOffset = -1;
    bool hasMetaData = false;
};

struct RowGroup {
    std::vector<ColumnChunk> columns;
    int64_t numRows = 0;
};

struct FileMetaData {
    std::vector<SchemaElement> schema;
    int64_t numRows = 0;
    std::vector<RowGroup> rowGroups;
};

struct PageHeader {
    int32_t type = -1;
    int32_t uncompressedSize = -1;
    int32_t compressedSize = -1;
    // data page v1 / v2 / dictionary page
    int32_t numValues = -1;
    int32_t encoding = -1;
    int32_t defLevelEncoding = 3;
    int32_t numNulls = 0;
    int32_t defLevelsLength = 0;  // v2 only
    int32_t repLevelsLength = 0;  // v2 only
    bool v2Compressed = true;
    size_t headerSize = 0;  // bytes the Thrift header itself took
};

// `what` names the file in messages. Both throw exl2::Error(Format) on malformed input.
FileMetaData parseFileMetaData(std::string_view bytes, const std::string& what);
PageHeader parsePageHeader(std::string_view bytes, const std::string& what);

}  // namespace exl2::parquet
