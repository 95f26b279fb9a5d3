#include "io/safetensors_header.h"

#include "util/error.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

namespace exl2 {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what)
{
    throw Error(ErrorCode::Format, file.string() + ": " + what);
}

[[noreturn]] void failTensor(const std::filesystem::path& file, const std::string& name, const std::string& what)
{
    fail(file, "tensor '" + name + "': " + what);
}

// Parses the header JSON, rejecting duplicate top-level names (a plain parse would keep the last one silently).
json parseJson(std::string_view text, const std::filesystem::path& file)
{
    std::set<std::string> seen;
    std::string duplicate;
    json::parser_callback_t onEvent = [&](int depth, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::key && depth == 1) {
            const std::string key = parsed.get<std::string>();
            if (!seen.insert(key).second && duplicate.empty())
                duplicate = key;
        }
        return true;
    };
    json header;
    try {
        header = json::parse(text.begin(), text.end(), onEvent);
    } catch (const json::exception& e) {
        fail(file, std::string("header is not valid JSON: ") + e.what());
    }
    if (!duplicate.empty())
        failTensor(file, duplicate, "appears more than once in the header");
    if (!header.is_object())
        fail(file, "header must be a JSON object mapping tensor names to {dtype, shape, data_offsets}");
    return header;
}

std::map<std::string, std::string> parseMetadata(const json& value, const std::filesystem::path& file)
{
    if (!value.is_object())
        fail(file, "\"__metadata__\" must be an object of string values");
    std::map<std::string, std::string> out;
    for (const auto& [key, v] : value.items()) {
        if (!v.is_string())
            fail(file, "\"__metadata__\" entry '" + key + "' must be a string");
        out[key] = v.get<std::string>();
    }
    return out;
}

TensorInfo parseEntry(const std::string& name, const json& entry, uint64_t dataStart, uint64_t dataSize,
                      const std::filesystem::path& file)
{
    if (!entry.is_object())
        failTensor(file, name, "entry must be an object with dtype, shape and data_offsets");
    TensorInfo t;
    t.name = name;
    t.file = file;

    const auto dt = entry.find("dtype");
    if (dt == entry.end() || !dt->is_string())
        failTensor(file, name, "missing \"dtype\" string");
    const auto dtype = dtypeFromName(dt->get<std::string>());
    if (!dtype)
        failTensor(file, name, "unknown dtype \"" + dt->get<std::string>() +
                                   "\" (expected F32, F16, BF16, F64, I64, I32, I16, I8, U8 or BOOL)");
    t.dtype = *dtype;

    const auto shape = entry.find("shape");
    if (shape == entry.end() || !shape->is_array())
        failTensor(file, name, "missing \"shape\" array");
    int64_t numel = 1;
    for (const auto& d : *shape) {
        if (!d.is_number_integer())
            failTensor(file, name, "shape entries must be integers, found " + d.dump());
        if (d.is_number_unsigned() ? d.get<uint64_t>() > uint64_t(INT64_MAX) : d.get<int64_t>() < 0)
            failTensor(file, name, "shape entry " + d.dump() + " is negative or too large");
        const int64_t dim = d.get<int64_t>();
        if (__builtin_mul_overflow(numel, dim, &numel))
            failTensor(file, name, "shape " + shape->dump() + " overflows the element count");
        t.shape.push_back(dim);
    }

    const auto offsets = entry.find("data_offsets");
    if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned() ||
        !(*offsets)[1].is_number_unsigned())
        failTensor(file, name, "\"data_offsets\" must be two non-negative integers [begin, end]");
    const uint64_t begin = (*offsets)[0].get<uint64_t>();
    const uint64_t end = (*offsets)[1].get<uint64_t>();
    if (begin > end)
        failTensor(file, name, "data_offsets begin " + std::to_string(begin) + " > end " + std::to_string(end));
    if (end > dataSize)
        failTensor(file, name, "data_offsets end " + std::to_string(end) + " is beyond the data section (" +
                                   std::to_string(dataSize) + " bytes)");
    uint64_t expected = 0;
    if (__builtin_mul_overflow(uint64_t(numel), uint64_t(dtypeSize(t.dtype)), &expected))
        failTensor(file, name, "shape " + shape->dump() + " overflows the byte size");
    if (end - begin != expected)
        failTensor(file, name, "data size " + std::to_string(end - begin) + " bytes does not match shape " +
                                   shape->dump() + " x " + dtypeName(t.dtype) + " = " + std::to_string(expected) +
                                   " bytes");
    t.dataOffset = dataStart + begin;
    t.byteSize = end - begin;
    return t;
}

// The data section must be tiled exactly: no overlap, no gap, nothing left over (as the reference checks).
void checkCoverage(std::vector<TensorInfo> sorted, uint64_t dataStart, uint64_t dataSize,
                   const std::filesystem::path& file)
{
    std::sort(sorted.begin(), sorted.end(), [](const TensorInfo& a, const TensorInfo& b) {
        return a.dataOffset != b.dataOffset ? a.dataOffset < b.dataOffset : a.byteSize < b.byteSize;
    });
    uint64_t cursor = 0;
    const TensorInfo* previous = nullptr;
    for (const auto& t : sorted) {
        const uint64_t begin = t.dataOffset - dataStart;
        if (begin < cursor)
            failTensor(file, t.name, "data_offsets [" + std::to_string(begin) + ", " +
                                         std::to_string(begin + t.byteSize) + ") overlap tensor '" +
                                         previous->name + "' (ends at " + std::to_string(cursor) + ")");
        if (begin > cursor)
            failTensor(file, t.name, "gap in the data section: bytes [" + std::to_string(cursor) + ", " +
                                         std::to_string(begin) + ") belong to no tensor");
        cursor = begin + t.byteSize;
        previous = &t;
    }
    if (cursor != dataSize)
        fail(file, "data section has " + std::to_string(dataSize - cursor) +
                       " trailing bytes after the last tensor (header covers " + std::to_string(cursor) + " of " +
                       std::to_string(dataSize) + ")");
}

}  // namespace

SafetensorsHeader parseSafetensorsHeader(std::span<const uint8_t> bytes, const std::filesystem::path& file)
{
    if (bytes.size() < 8)
        fail(file, "file is " + std::to_string(bytes.size()) +
                       " bytes, too short for the 8-byte header length (not a safetensors file?)");
    uint64_t headerLength = 0;
    std::memcpy(&headerLength, bytes.data(), 8);  // little-endian on every platform we build for
    if (headerLength > kMaxSafetensorsHeader)
        fail(file, "header length " + std::to_string(headerLength) + " exceeds the 100 MB limit (corrupt file?)");
    if (8 + headerLength > bytes.size())
        fail(file, "header length " + std::to_string(headerLength) + " exceeds the file size " +
                       std::to_string(bytes.size()) + " (truncated file?)");

    SafetensorsHeader out;
    out.dataStart = 8 + headerLength;
    const uint64_t dataSize = bytes.size() - out.dataStart;
    const json header =
        parseJson(std::string_view(reinterpret_cast<const char*>(bytes.data()) + 8, size_t(headerLength)), file);
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__")
            out.metadata = parseMetadata(entry, file);
        else
            out.tensors.push_back(parseEntry(name, entry, out.dataStart, dataSize, file));
    }
    checkCoverage(out.tensors, out.dataStart, dataSize, file);
    return out;
}

}  // namespace exl2
