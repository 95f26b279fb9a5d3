#include "calibration/parquet_reader.h"

#include "calibration/page_codec.h"
#include "calibration/parquet_metadata.h"
#include "calibration/rle_hybrid.h"
#include "calibration/utf8_check.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <cstring>

namespace exl2 {

using namespace parquet;

namespace {

// Decoded values above this total are refused: a dictionary-expansion bomb, not calibration text.
constexpr size_t kMaxTextBytes = size_t(4) << 30;
// A page may not declare more values than this (levels are held in memory per page).
constexpr int64_t kMaxPageValues = int64_t(1) << 26;

std::string typeName(int32_t type)
{
    static const char* names[] = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
    return type >= 0 && type < 8 ? names[type] : "type " + std::to_string(type);
}

struct Leaf {
    std::string path;  // dotted
    const SchemaElement* element = nullptr;
    int maxDef = 0;
    int maxRep = 0;
};

class Reader {
public:
    Reader(std::string_view bytes, std::string fileName) : m_bytes(bytes), m_file(std::move(fileName)) {}

    void parseFooter();
    const std::vector<Leaf>& leaves() const { return m_leaves; }
    ParquetTextColumn readColumn(const std::string& column);

private:
    [[noreturn]] void fail(const std::string& problem) const
    {
        throw Error(ErrorCode::Format, m_file + ": " + problem);
    }
    void collectLeaves(size_t& index, const std::string& prefix, int def, int rep, int depth);
    size_t chooseLeaf(const std::string& column) const;
    std::string columnList() const;
    void readChunk(const ColumnChunk& chunk, const Leaf& leaf, size_t rowGroup, ParquetTextColumn& out);
    void readDataPage(const PageHeader& h, std::string_view body, int32_t codec, const Leaf& leaf,
                      const std::string& what, ParquetTextColumn& out);
    void readPlainStrings(std::string_view data, size_t count, std::vector<std::string>& out,
                          const std::string& what);
    void emit(std::string value, ParquetTextColumn& out);

    std::string_view m_bytes;
    std::string m_file;
    size_t m_footerStart = 0;
    FileMetaData m_meta;
    std::vector<Leaf> m_leaves;
    std::vector<std::string> m_dictionary;
    size_t m_textBytes = 0;
};

uint32_t readLe32(const char* p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;  // Parquet is little-endian, as is every platform we build for
}

void Reader::parseFooter()
{
    const size_t n = m_bytes.size();
    if (n < 12)
        fail("file of " + std::to_string(n) + " bytes is too small to be parquet (expected 'PAR1' magic at both ends)");
    if (m_bytes.substr(n - 4) == "PARE")
        throw Error(ErrorCode::Unsupported, m_file + ": encrypted parquet files are not supported");
    if (m_bytes.substr(0, 4) != "PAR1" || m_bytes.substr(n - 4) != "PAR1")
        fail("not a parquet file (expected 'PAR1' magic at the start and end; truncated or another format?)");
    const uint32_t metaLen = readLe32(m_bytes.data() + n - 8);
    if (metaLen == 0 || metaLen > n - 12)
        fail("footer length " + std::to_string(metaLen) + " does not fit in a file of " + std::to_string(n) + " bytes");
    m_footerStart = n - 8 - metaLen;
    m_meta = parseFileMetaData(m_bytes.substr(m_footerStart, metaLen), m_file);
    size_t index = 1;
    const auto& root = m_meta.schema[0];
    if (root.numChildren < 0 || static_cast<size_t>(root.numChildren) > m_meta.schema.size() - 1)
        fail("schema root declares " + std::to_string(root.numChildren) + " children but the schema has " +
             std::to_string(m_meta.schema.size()) + " elements");
    for (int32_t c = 0; c < root.numChildren; ++c)
        collectLeaves(index, "", 0, 0, 1);
    if (index != m_meta.schema.size())
        fail("schema tree covers " + std::to_string(index) + " of its " + std::to_string(m_meta.schema.size()) + " elements");
}

void Reader::collectLeaves(size_t& index, const std::string& prefix, int def, int rep, int depth)
{
    if (depth > 32)
        fail("schema nests more than 32 levels");
    if (index >= m_meta.schema.size())
        fail("schema declares more children than it has elements");
    const SchemaElement& e = m_meta.schema[index++];
    if (e.repetition < 0 || e.repetition > 2)
        fail("schema element '" + e.name + "' has invalid repetition " + std::to_string(e.repetition));
    if (e.repetition == int(Repetition::Optional))
        ++def;
    if (e.repetition == int(Repetition::Repeated))
        ++def, ++rep;
    const std::string path = prefix.empty() ? e.name : prefix + "." + e.name;
    if (e.numChildren > 0) {
        if (static_cast<size_t>(e.numChildren) > m_meta.schema.size() - index)
            fail("schema element '" + e.name + "' declares more children than the schema has");
        for (int32_t c = 0; c < e.numChildren; ++c)
            collectLeaves(index, path, def, rep, depth + 1);
        return;
    }
    m_leaves.push_back(Leaf{path, &e, def, rep});
}

std::string Reader::columnList() const
{
    std::string s;
    for (const auto& l : m_leaves)
        s += (s.empty() ? "" : ", ") + l.path;
    return s.empty() ? "none" : s;
}

size_t Reader::chooseLeaf(const std::string& column) const
{
    auto isBytes = [](const Leaf& l) { return l.element->type == int(PhysicalType::ByteArray) && l.maxRep == 0; };
    if (!column.empty()) {
        for (size_t i = 0; i < m_leaves.size(); ++i) {
            const Leaf& l = m_leaves[i];
            if (l.path != column && l.element->name != column)
                continue;
            if (l.maxRep > 0)
                throw Error(ErrorCode::Unsupported, m_file + ": column '" + column + "' is a repeated (list) column; expected a plain string column");
            if (!isBytes(l))
                throw Error(ErrorCode::Unsupported, m_file + ": column '" + column + "' has physical type " +
                                                        typeName(l.element->type) + "; expected a BYTE_ARRAY string column");
            return i;
        }
        throw Error(ErrorCode::InvalidArgument, m_file + ": no column named '" + column + "' (columns: " + columnList() + ")");
    }
    for (size_t i = 0; i < m_leaves.size(); ++i)
        if (isBytes(m_leaves[i]) && (m_leaves[i].element->convertedType == 0 || m_leaves[i].element->logicalString))
            return i;
    for (size_t i = 0; i < m_leaves.size(); ++i)
        if (isBytes(m_leaves[i]))
            return i;
    fail("no string (BYTE_ARRAY) column to read calibration text from (columns: " + columnList() + ")");
}

ParquetTextColumn Reader::readColumn(const std::string& column)
{
    const size_t leafIndex = chooseLeaf(column);
    const Leaf& leaf = m_leaves[leafIndex];
    if (leaf.maxDef > 255)
        fail("column '" + leaf.path + "' nests too many optional levels");
    ParquetTextColumn out;
    out.column = leaf.path;
    for (size_t g = 0; g < m_meta.rowGroups.size(); ++g) {
        const RowGroup& rg = m_meta.rowGroups[g];
        if (rg.columns.size() != m_leaves.size())
            fail("row group " + std::to_string(g) + " has " + std::to_string(rg.columns.size()) +
                 " column chunks, the schema has " + std::to_string(m_leaves.size()) + " columns");
        readChunk(rg.columns[leafIndex], leaf, g, out);
    }
    return out;
}

void Reader::readChunk(const ColumnChunk& chunk, const Leaf& leaf, size_t rowGroup, ParquetTextColumn& out)
{
    const std::string where = "column '" + leaf.path + "' in row group " + std::to_string(rowGroup);
    if (!chunk.hasMetaData)
        fail(where + " has no column metadata (external column files are not supported)");
    if (chunk.type != int(PhysicalType::ByteArray))
        fail(where + " has physical type " + typeName(chunk.type) + " but the schema says BYTE_ARRAY");
    int64_t start = chunk.dataPageOffset;
    if (chunk.dictionaryPageOffset > 0 && chunk.dictionaryPageOffset < start)
        start = chunk.dictionaryPageOffset;
    const int64_t size = chunk.totalCompressedSize;
    if (start < 4 || size < 0 || static_cast<uint64_t>(start) > m_footerStart ||
        static_cast<uint64_t>(size) > m_footerStart - static_cast<uint64_t>(start))
        fail(where + " spans bytes [" + std::to_string(start) + ", " + std::to_string(start) + "+" +
             std::to_string(size) + ") outside the data area [4, " + std::to_string(m_footerStart) + ")");
    if (chunk.numValues < 0)
        fail(where + " declares a negative number of values");
    const std::string_view data = m_bytes.substr(static_cast<size_t>(start), static_cast<size_t>(size));
    m_dictionary.clear();
    size_t pos = 0;
    int64_t valuesRead = 0;
    for (int page = 0; valuesRead < chunk.numValues; ++page) {
        const std::string what = m_file + ": " + where + ", page " + std::to_string(page);
        if (pos >= data.size())
            throw Error(ErrorCode::Format, what + ": column chunk ends after " + std::to_string(valuesRead) +
                                               " of its " + std::to_string(chunk.numValues) + " values");
        const PageHeader h = parsePageHeader(data.substr(pos), what + " header");
        if (h.compressedSize < 0 || h.uncompressedSize < 0)
            throw Error(ErrorCode::Format, what + ": negative page size in header");
        pos += h.headerSize;
        if (static_cast<size_t>(h.compressedSize) > data.size() - pos)
            throw Error(ErrorCode::Format, what + ": page body of " + std::to_string(h.compressedSize) +
                                               " bytes runs past the column chunk end (truncated file?)");
        const std::string_view body = data.substr(pos, static_cast<size_t>(h.compressedSize));
        pos += static_cast<size_t>(h.compressedSize);
        if (h.type == int(PageType::DictionaryPage)) {
            if (h.encoding != int(Encoding::Plain) && h.encoding != int(Encoding::PlainDictionary))
                throw Error(ErrorCode::Unsupported, what + ": dictionary page encoding " + std::to_string(h.encoding) + " (expected PLAIN)");
            if (h.numValues < 0)
                throw Error(ErrorCode::Format, what + ": dictionary page declares a negative value count");
            const std::string plain = decompressPage(chunk.codec, body, static_cast<size_t>(h.uncompressedSize), what);
            m_dictionary.clear();
            readPlainStrings(plain, static_cast<size_t>(h.numValues), m_dictionary, what + " (dictionary)");
            continue;
        }
        if (h.type != int(PageType::DataPage) && h.type != int(PageType::DataPageV2)) {
            if (h.type == int(PageType::IndexPage))
                continue;
            throw Error(ErrorCode::Format, what + ": unknown page type " + std::to_string(h.type));
        }
        if (h.numValues < 0 || h.numValues > kMaxPageValues || h.numValues > chunk.numValues - valuesRead)
            throw Error(ErrorCode::Format, what + ": page declares " + std::to_string(h.numValues) + " values but the chunk has " +
                                               std::to_string(chunk.numValues - valuesRead) + " left");
        readDataPage(h, body, chunk.codec, leaf, what, out);
        valuesRead += h.numValues;
    }
}

void Reader::readDataPage(const PageHeader& h, std::string_view body, int32_t codec, const Leaf& leaf,
                          const std::string& what, ParquetTextColumn& out)
{
    const size_t count = static_cast<size_t>(h.numValues);
    std::string decompressed;
    std::string_view levels, values;
    if (h.type == int(PageType::DataPage)) {
        decompressed = decompressPage(codec, body, static_cast<size_t>(h.uncompressedSize), what);
        std::string_view page = decompressed;
        if (leaf.maxDef > 0) {
            if (h.defLevelEncoding != int(Encoding::Rle))
                throw Error(ErrorCode::Unsupported, what + ": definition level encoding " + std::to_string(h.defLevelEncoding) + " (expected RLE)");
            if (page.size() < 4)
                throw Error(ErrorCode::Format, what + ": page too short for its definition levels");
            const uint32_t len = readLe32(page.data());
            if (len > page.size() - 4)
                throw Error(ErrorCode::Format, what + ": definition levels of " + std::to_string(len) + " bytes run past the page");
            levels = page.substr(4, len);
            page.remove_prefix(4 + len);
        }
        values = page;
    } else {
        if (h.repLevelsLength != 0)
            throw Error(ErrorCode::Unsupported, what + ": repetition levels in a flat string column");
        if (h.defLevelsLength < 0 || static_cast<size_t>(h.defLevelsLength) > body.size() ||
            h.defLevelsLength > h.uncompressedSize)
            throw Error(ErrorCode::Format, what + ": definition levels length " + std::to_string(h.defLevelsLength) + " does not fit the page");
        levels = body.substr(0, static_cast<size_t>(h.defLevelsLength));
        const std::string_view rest = body.substr(static_cast<size_t>(h.defLevelsLength));
        const size_t restSize = static_cast<size_t>(h.uncompressedSize - h.defLevelsLength);
        if (h.v2Compressed && codec != int(Codec::Uncompressed)) {
            decompressed = decompressPage(codec, rest, restSize, what);
            values = decompressed;
        } else {
            if (rest.size() != restSize)
                throw Error(ErrorCode::Format, what + ": page has " + std::to_string(rest.size()) + " value bytes, header declares " + std::to_string(restSize));
            values = rest;
        }
    }

    size_t nonNull = count;
    std::vector<uint32_t> defs;
    if (leaf.maxDef > 0) {
        int width = 0;
        while ((1 << width) <= leaf.maxDef)
            ++width;
        decodeRleHybrid(levels, width, count, defs, what + " definition levels");
        nonNull = 0;
        for (uint32_t d : defs) {
            if (d > static_cast<uint32_t>(leaf.maxDef))
                throw Error(ErrorCode::Format, what + ": definition level " + std::to_string(d) + " exceeds the column's maximum " + std::to_string(leaf.maxDef));
            nonNull += d == static_cast<uint32_t>(leaf.maxDef);
        }
        out.nullCount += count - nonNull;
    }

    if (h.encoding == int(Encoding::Plain)) {
        std::vector<std::string> strings;
        readPlainStrings(values, nonNull, strings, what);
        for (auto& s : strings)
            emit(std::move(s), out);
    } else if (h.encoding == int(Encoding::RleDictionary) || h.encoding == int(Encoding::PlainDictionary)) {
        if (nonNull == 0)
            return;
        if (values.empty())
            throw Error(ErrorCode::Format, what + ": dictionary-encoded page has no index bit width");
        const int width = static_cast<uint8_t>(values[0]);
        std::vector<uint32_t> indices;
        decodeRleHybrid(values.substr(1), width, nonNull, indices, what + " dictionary indices");
        for (uint32_t i : indices) {
            if (i >= m_dictionary.size())
                throw Error(ErrorCode::Format, what + ": dictionary index " + std::to_string(i) + " but the dictionary has " +
                                                   std::to_string(m_dictionary.size()) + " entries");
            emit(m_dictionary[i], out);
        }
    } else {
        throw Error(ErrorCode::Unsupported, what + ": value encoding " + std::to_string(h.encoding) +
                                                " is not supported (supported: PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY)");
    }
}

void Reader::readPlainStrings(std::string_view data, size_t count, std::vector<std::string>& out, const std::string& what)
{
    if (count > data.size() / 4 + 1)  // each value needs a 4-byte length prefix
        throw Error(ErrorCode::Format, what + ": " + std::to_string(count) + " values cannot fit in " +
                                           std::to_string(data.size()) + " bytes");
    out.reserve(out.size() + count);
    size_t pos = 0;
    for (size_t i = 0; i < count; ++i) {
        if (data.size() - pos < 4)
            throw Error(ErrorCode::Format, what + ": value " + std::to_string(i) + " of " + std::to_string(count) + " is truncated (no length prefix)");
        const uint32_t len = readLe32(data.data() + pos);
        pos += 4;
        if (len > data.size() - pos)
            throw Error(ErrorCode::Format, what + ": value " + std::to_string(i) + " claims " + std::to_string(len) +
                                               " bytes but only " + std::to_string(data.size() - pos) + " remain");
        out.emplace_back(data.substr(pos, len));
        pos += len;
    }
}

void Reader::emit(std::string value, ParquetTextColumn& out)
{
    m_textBytes += value.size();
    if (m_textBytes > kMaxTextBytes)
        throw Error(ErrorCode::ResourceLimit, m_file + ": column text exceeds " + std::to_string(kMaxTextBytes >> 30) + " GiB");
    requireUtf8(value, m_file + ": column '" + out.column + "', row value " + std::to_string(out.values.size()));
    out.values.push_back(std::move(value));
}

}  // namespace

ParquetTextColumn parseParquetTextColumn(std::string_view bytes, const std::string& fileName, const std::string& column)
{
    Reader reader(bytes, fileName);
    reader.parseFooter();
    return reader.readColumn(column);
}

ParquetTextColumn readParquetTextColumn(const std::filesystem::path& file, const std::string& column)
{
    const std::string bytes = readFile(file);
    return parseParquetTextColumn(bytes, file.string(), column);
}

std::vector<std::string> parquetColumnNames(const std::filesystem::path& file)
{
    const std::string bytes = readFile(file);
    Reader reader(bytes, file.string());
    reader.parseFooter();
    std::vector<std::string> names;
    for (const auto& l : reader.leaves())
        names.push_back(l.path);
    return names;
}

}  // namespace exl2
