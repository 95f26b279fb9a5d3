// A bounds-checked reader of the Thrift compact protocol, enough to decode Parquet's footer and page
// headers. Every read is checked against the buffer end; failures throw exl2::Error(Format) naming the
// file and the structure being decoded, never read past the buffer or recurse without limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace exl2 {

class ThriftCompactReader {
public:
    // Compact protocol element types (low nibble of a field header).
    enum Type : uint8_t {
        Stop = 0, BoolTrue = 1, BoolFalse = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6,
        Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12,
    };

    // `what` names the structure in messages ("footer of data.parquet").
    ThriftCompactReader(std::string_view bytes, std::string what);

    // Calls onField(id, type) for each field; a field the callback does not consume must be skipped by
    // returning false. Nested structs are read by calling readStruct again from the callback.
    void readStruct(const std::function<bool(int16_t id, uint8_t type)>& onField);
    // Reads a list/set header; returns the element count (bounded by the bytes left) and element type.
    uint32_t readListHeader(uint8_t& elementType);

    int32_t readI32(uint8_t type);
    int64_t readI64(uint8_t type);
    bool readBool(uint8_t type);           // a struct field's bool lives in its type nibble
    std::string_view readBinary(uint8_t type);
    void skip(uint8_t type);

    size_t position() const { return m_pos; }

    [[noreturn]] void fail(const std::string& problem) const;

private:
    uint8_t readByte();
    uint64_t readVarint();
    int64_t readZigzag() {
        const uint64_t v = readVarint();
        return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
    }
    void expectType(uint8_t type, uint8_t expected, const char* name) const;
    void skipDepth(uint8_t type, int depth);

    std::string_view m_bytes;
    std::string m_what;
    size_t m_pos = 0;
    int m_depth = 0;
};

}  // namespace exl2
