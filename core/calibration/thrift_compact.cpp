#include "calibration/thrift_compact.h"

#include "util/error.h"

namespace exl2 {

namespace {
constexpr int kMaxDepth = 32;  // Parquet metadata nests a handful of levels; more means a corrupt file
}

ThriftCompactReader::ThriftCompactReader(std::string_view bytes, std::string what)
    : m_bytes(bytes), m_what(std::move(what))
{
}

void ThriftCompactReader::fail(const std::string& problem) const
{
    throw Error(ErrorCode::Format, m_what + ": " + problem + " (at byte " + std::to_string(m_pos) + " of " +
                                       std::to_string(m_bytes.size()) + ")");
}

uint8_t ThriftCompactReader::readByte()
{
    if (m_pos >= m_bytes.size())
        fail("truncated Thrift data");
    return static_cast<uint8_t>(m_bytes[m_pos++]);
}

uint64_t ThriftCompactReader::readVarint()
{
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const uint8_t b = readByte();
        value |= static_cast<uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80))
            return value;
    }
    fail("Thrift varint longer than 10 bytes");
}

void ThriftCompactReader::expectType(uint8_t type, uint8_t expected, const char* name) const
{
    if (type != expected)
        fail(std::string("expected a Thrift ") + name + " field, found type " + std::to_string(type));
}

void ThriftCompactReader::readStruct(const std::function<bool(int16_t, uint8_t)>& onField)
{
    if (++m_depth > kMaxDepth)
        fail("Thrift structures nested too deeply");
    int16_t lastId = 0;
    for (;;) {
        const uint8_t header = readByte();
        if (header == Stop)
            break;
        const uint8_t type = header & 0x0f;
        const uint8_t delta = header >> 4;
        int64_t id = delta ? lastId + delta : readZigzag();
        if (id < -32768 || id > 32767)
            fail("Thrift field id out of range");
        lastId = static_cast<int16_t>(id);
        if (type > Struct)
            fail("unknown Thrift field type " + std::to_string(type));
        if (!onField(lastId, type))
            skip(type);
    }
    --m_depth;
}

uint32_t ThriftCompactReader::readListHeader(uint8_t& elementType)
{
    const uint8_t header = readByte();
    elementType = header & 0x0f;
    uint64_t size = header >> 4;
    if (size == 15)
        size = readVarint();
    // Every element takes at least one byte (bools in lists take one each), so this bounds allocations.
    if (size > m_bytes.size() - m_pos)
        fail("Thrift list claims " + std::to_string(size) + " elements but only " +
             std::to_string(m_bytes.size() - m_pos) + " bytes are left");
    return static_cast<uint32_t>(size);
}

int32_t ThriftCompactReader::readI32(uint8_t type)
{
    if (type != I32 && type != I16 && type != Byte)
        expectType(type, I32, "i32");
    if (type == Byte)
        return static_cast<int8_t>(readByte());
    const int64_t v = readZigzag();
    if (v < INT32_MIN || v > INT32_MAX)
        fail("Thrift i32 out of range");
    return static_cast<int32_t>(v);
}

int64_t ThriftCompactReader::readI64(uint8_t type)
{
    if (type == I32 || type == I16 || type == Byte)
        return readI32(type);
    expectType(type, I64, "i64");
    return readZigzag();
}

bool ThriftCompactReader::readBool(uint8_t type)
{
    if (type != BoolTrue && type != BoolFalse)
        fail("expected a Thrift bool field, found type " + std::to_string(type));
    return type == BoolTrue;
}

std::string_view ThriftCompactReader::readBinary(uint8_t type)
{
    expectType(type, Binary, "binary");
    const uint64_t size = readVarint();
    if (size > m_bytes.size() - m_pos)
        fail("Thrift string of " + std::to_string(size) + " bytes runs past the end");
    const auto out = m_bytes.substr(m_pos, size);
    m_pos += size;
    return out;
}

void ThriftCompactReader::skip(uint8_t type) { skipDepth(type, 0); }

void ThriftCompactReader::skipDepth(uint8_t type, int depth)
{
    if (depth + m_depth > kMaxDepth)
        fail("Thrift structures nested too deeply");
    switch (type) {
    case BoolTrue:
    case BoolFalse:
        return;
    case Byte:
        readByte();
        return;
    case I16:
    case I32:
    case I64:
        readVarint();
        return;
    case Double:
        for (int i = 0; i < 8; ++i)
            readByte();
        return;
    case Binary:
        readBinary(Binary);
        return;
    case List:
    case Set: {
        uint8_t elem = 0;
        const uint32_t n = readListHeader(elem);
        for (uint32_t i = 0; i < n; ++i) {
            if (elem == BoolTrue || elem == BoolFalse)
                readByte();  // in a list each bool is a whole byte
            else
                skipDepth(elem, depth + 1);
        }
        return;
    }
    case Map: {
        const uint64_t n = readVarint();
        if (n == 0)
            return;
        if (n > m_bytes.size() - m_pos)
            fail("Thrift map size runs past the end");
        const uint8_t kv = readByte();
        for (uint64_t i = 0; i < n; ++i) {
            skipDepth(kv >> 4, depth + 1);
            skipDepth(kv & 0x0f, depth + 1);
        }
        return;
    }
    case Struct:
        ++m_depth;
        if (m_depth + depth > kMaxDepth)
            fail("Thrift structures nested too deeply");
        for (;;) {
            const uint8_t header = readByte();
            if (header == Stop)
                break;
            if ((header >> 4) == 0)
                readZigzag();
            skipDepth(header & 0x0f, depth + 1);
        }
        --m_depth;
        return;
    default:
        fail("unknown Thrift type " + std::to_string(type));
    }
}

}  // namespace exl2
