#include "calibration/parquet_metadata.h"

#include "calibration/thrift_compact.h"

namespace exl2::parquet {

namespace {

using T = ThriftCompactReader;

template <class F>
void readList(T& r, F&& element)
{
    uint8_t elemType = 0;
    const uint32_t n = r.readListHeader(elemType);
    for (uint32_t i = 0; i < n; ++i)
        element(elemType);
}

SchemaElement readSchemaElement(T& r)
{
    SchemaElement e;
    r.readStruct([&](int16_t id, uint8_t type) {
        switch (id) {
        case 1: e.type = r.readI32(type); return true;
        case 3: e.repetition = r.readI32(type); return true;
        case 4: e.name = std::string(r.readBinary(type)); return true;
        case 5: e.numChildren = r.readI32(type); return true;
        case 6: e.convertedType = r.readI32(type); return true;
        case 10:  // LogicalType union: field 1 is STRING
            if (type != T::Struct)
                return false;
            r.readStruct([&](int16_t lid, uint8_t) { e.logicalString = e.logicalString || lid == 1; return false; });
            return true;
        default: return false;
        }
    });
    return e;
}

ColumnChunk readColumnChunk(T& r)
{
    ColumnChunk c;
    r.readStruct([&](int16_t id, uint8_t type) {
        if (id != 3 || type != T::Struct)
            return false;
        c.hasMetaData = true;
        r.readStruct([&](int16_t mid, uint8_t mtype) {
            switch (mid) {
            case 1: c.type = r.readI32(mtype); return true;
            case 3:
                if (mtype != T::List)
                    return false;
                readList(r, [&](uint8_t et) { c.path.emplace_back(r.readBinary(et)); });
                return true;
            case 4: c.codec = r.readI32(mtype); return true;
            case 5: c.numValues = r.readI64(mtype); return true;
            case 7: c.totalCompressedSize = r.readI64(mtype); return true;
            case 9: c.dataPageOffset = r.readI64(mtype); return true;
            case 11: c.dictionaryPageOffset = r.readI64(mtype); return true;
            default: return false;
            }
        });
        return true;
    });
    return c;
}

RowGroup readRowGroup(T& r)
{
    RowGroup g;
    r.readStruct([&](int16_t id, uint8_t type) {
        if (id == 1 && type == T::List) {
            readList(r, [&](uint8_t et) {
                if (et != T::Struct)
                    r.fail("row group column entry is not a struct");
                g.columns.push_back(readColumnChunk(r));
            });
            return true;
        }
        if (id == 3) {
            g.numRows = r.readI64(type);
            return true;
        }
        return false;
    });
    return g;
}

}  // namespace

FileMetaData parseFileMetaData(std::string_view bytes, const std::string& what)
{
    T r(bytes, what + ": parquet footer (FileMetaData)");
    FileMetaData m;
    bool haveSchema = false;
    r.readStruct([&](int16_t id, uint8_t type) {
        switch (id) {
        case 2:
            if (type != T::List)
                r.fail("schema is not a list");
            haveSchema = true;
            readList(r, [&](uint8_t et) {
                if (et != T::Struct)
                    r.fail("schema entry is not a struct");
                m.schema.push_back(readSchemaElement(r));
            });
            return true;
        case 3: m.numRows = r.readI64(type); return true;
        case 4:
            if (type != T::List)
                r.fail("row_groups is not a list");
            readList(r, [&](uint8_t et) {
                if (et != T::Struct)
                    r.fail("row group entry is not a struct");
                m.rowGroups.push_back(readRowGroup(r));
            });
            return true;
        default: return false;
        }
    });
    if (!haveSchema || m.schema.empty())
        r.fail("no schema");
    return m;
}

PageHeader parsePageHeader(std::string_view bytes, const std::string& what)
{
    T r(bytes, what);
    PageHeader h;
    r.readStruct([&](int16_t id, uint8_t type) {
        switch (id) {
        case 1: h.type = r.readI32(type); return true;
        case 2: h.uncompressedSize = r.readI32(type); return true;
        case 3: h.compressedSize = r.readI32(type); return true;
        case 5:  // DataPageHeader
            if (type != T::Struct)
                return false;
            r.readStruct([&](int16_t f, uint8_t ft) {
                switch (f) {
                case 1: h.numValues = r.readI32(ft); return true;
                case 2: h.encoding = r.readI32(ft); return true;
                case 3: h.defLevelEncoding = r.readI32(ft); return true;
                default: return false;
                }
            });
            return true;
        case 7:  // DictionaryPageHeader
            if (type != T::Struct)
                return false;
            r.readStruct([&](int16_t f, uint8_t ft) {
                switch (f) {
                case 1: h.numValues = r.readI32(ft); return true;
                case 2: h.encoding = r.readI32(ft); return true;
                default: return false;
                }
            });
            return true;
        case 8:  // DataPageHeaderV2
            if (type != T::Struct)
                return false;
            r.readStruct([&](int16_t f, uint8_t ft) {
                switch (f) {
                case 1: h.numValues = r.readI32(ft); return true;
                case 2: h.numNulls = r.readI32(ft); return true;
                case 4: h.encoding = r.readI32(ft); return true;
                case 5: h.defLevelsLength = r.readI32(ft); return true;
                case 6: h.repLevelsLength = r.readI32(ft); return true;
                case 7: h.v2Compressed = r.readBool(ft); return true;
                default: return false;
                }
            });
            return true;
        default: return false;
        }
    });
    h.headerSize = r.position();
    return h;
}

}  // namespace exl2::parquet
