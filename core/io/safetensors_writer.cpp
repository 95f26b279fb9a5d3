#include "io/safetensors_writer.h"

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/half.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

// Position in the reference serializer's dtype enum (BOOL < U8 < I8 < I16 < F16 < BF16 < I32 < F32 < F64 < I64);
// tensors are laid out by descending rank, which is also descending element size.
int dtypeRank(DType t)
{
    switch (t) {
    case DType::Bool: return 0;
    case DType::U8: return 1;
    case DType::I8: return 2;
    case DType::I16: return 3;
    case DType::F16: return 4;
    case DType::BF16: return 5;
    case DType::I32: return 6;
    case DType::F32: return 7;
    case DType::F64: return 8;
    case DType::I64: return 9;
    }
    return 0;
}

std::span<const uint8_t> bytesOf(const SafetensorsWriter::Entry& e)
{
    return e.owned.empty() ? e.bytes : std::span<const uint8_t>(e.owned);
}

std::string shapeJson(const std::vector<int64_t>& shape)
{
    return nlohmann::json(shape).dump();
}

}  // namespace

SafetensorsWriter::SafetensorsWriter() : m_metadata{{"format", "pt"}} {}

SafetensorsWriter::Entry& SafetensorsWriter::addEntry(const std::string& name, DType dtype,
                                                      std::vector<int64_t> shape, size_t byteCount)
{
    if (name.empty())
        throw Error(ErrorCode::InvalidArgument, "safetensors writer: a tensor name must not be empty");
    if (name == "__metadata__")
        throw Error(ErrorCode::InvalidArgument, "safetensors writer: '__metadata__' is reserved, not a tensor name");
    for (const auto& e : m_tensors)
        if (e.name == name)
            throw Error(ErrorCode::InvalidArgument, "safetensors writer: tensor '" + name + "' added twice");
    uint64_t numel = 1;
    for (int64_t d : shape) {
        if (d < 0)
            throw Error(ErrorCode::InvalidArgument, "safetensors writer: tensor '" + name + "' has negative dimension");
        numel *= uint64_t(d);
    }
    if (numel * dtypeSize(dtype) != byteCount)
        throw Error(ErrorCode::InvalidArgument,
                    "safetensors writer: tensor '" + name + "' has " + std::to_string(byteCount) +
                        " bytes, expected " + std::to_string(numel * dtypeSize(dtype)) + " for shape " +
                        shapeJson(shape) + " " + dtypeName(dtype));
    Entry& e = m_tensors.emplace_back();
    e.name = name;
    e.dtype = dtype;
    e.shape = std::move(shape);
    return e;
}

void SafetensorsWriter::add(const std::string& name, DType dtype, std::vector<int64_t> shape,
                            std::span<const uint8_t> bytes)
{
    Entry& e = addEntry(name, dtype, std::move(shape), bytes.size());
    e.owned.assign(bytes.begin(), bytes.end());
}

void SafetensorsWriter::addView(const std::string& name, DType dtype, std::vector<int64_t> shape,
                                std::span<const uint8_t> bytes)
{
    addEntry(name, dtype, std::move(shape), bytes.size()).bytes = bytes;
}

void SafetensorsWriter::addFloats(const std::string& name, DType dtype, std::vector<int64_t> shape,
                                  std::span<const float> values)
{
    if (dtype != DType::F32 && dtype != DType::F16 && dtype != DType::BF16)
        throw Error(ErrorCode::InvalidArgument, "safetensors writer: tensor '" + name +
                                                    "': float values can be stored as F32, F16 or BF16, not " +
                                                    dtypeName(dtype));
    Entry& e = addEntry(name, dtype, std::move(shape), values.size() * dtypeSize(dtype));
    e.owned.resize(values.size() * dtypeSize(dtype));
    for (size_t i = 0; i < values.size(); ++i) {
        if (dtype == DType::F32) {
            std::memcpy(e.owned.data() + 4 * i, &values[i], 4);
        } else {
            const uint16_t h = dtype == DType::F16 ? floatToHalf(values[i]) : floatToBf16(values[i]);
            std::memcpy(e.owned.data() + 2 * i, &h, 2);
        }
    }
}

uint64_t SafetensorsWriter::totalBytes() const
{
    uint64_t total = 0;
    for (const auto& e : m_tensors)
        total += bytesOf(e).size();
    return total;
}

SafetensorsWriter::Layout SafetensorsWriter::layout(const std::vector<const Entry*>& tensors,
                                                    const std::map<std::string, std::string>& metadata)
{
    Layout out;
    out.order.resize(tensors.size());
    for (size_t i = 0; i < tensors.size(); ++i)
        out.order[i] = i;
    std::sort(out.order.begin(), out.order.end(), [&](size_t a, size_t b) {
        const int ra = dtypeRank(tensors[a]->dtype), rb = dtypeRank(tensors[b]->dtype);
        return ra != rb ? ra > rb : tensors[a]->name < tensors[b]->name;
    });
    std::string json = "{";
    if (!metadata.empty())
        json += "\"__metadata__\":" + nlohmann::json(metadata).dump();
    uint64_t offset = 0;
    for (size_t i : out.order) {
        const Entry& e = *tensors[i];
        const uint64_t size = e.owned.empty() ? e.bytes.size() : e.owned.size();
        if (json.size() > 1)
            json += ',';
        json += nlohmann::json(e.name).dump() + ":{\"dtype\":\"" + dtypeName(e.dtype) + "\",\"shape\":" +
                shapeJson(e.shape) + ",\"data_offsets\":[" + std::to_string(offset) + "," +
                std::to_string(offset + size) + "]}";
        offset += size;
    }
    json += '}';
    json.append((8 - json.size() % 8) % 8, ' ');  // data then starts 8-byte aligned
    const uint64_t length = json.size();
    out.header.assign(reinterpret_cast<const char*>(&length), 8);
    out.header += json;
    return out;
}

void SafetensorsWriter::writeTo(AtomicFile& out, const std::vector<const Entry*>& tensors) const
{
    const Layout plan = layout(tensors, m_metadata);
    out.write(plan.header);
    for (size_t i : plan.order) {
        const auto bytes = bytesOf(*tensors[i]);
        out.write(bytes.data(), bytes.size());
    }
}

void SafetensorsWriter::write(const fs::path& file) const
{
    std::vector<const Entry*> all;
    for (const auto& e : m_tensors)
        all.push_back(&e);
    AtomicFile out(file);
    writeTo(out, all);
    out.commit();
}

std::vector<fs::path> SafetensorsWriter::writeSharded(const fs::path& dir, uint64_t maxShardBytes,
                                                      const std::string& stem, bool writeIndex) const
{
    if (maxShardBytes == 0)
        throw Error(ErrorCode::InvalidArgument, "safetensors writer: shard size limit must be positive");
    std::vector<std::vector<const Entry*>> shards(1);
    uint64_t current = 0;
    for (const auto& e : m_tensors) {
        const uint64_t size = bytesOf(e).size();
        if (!shards.back().empty() && current + size > maxShardBytes) {
            shards.emplace_back();
            current = 0;
        }
        shards.back().push_back(&e);
        current += size;
    }

    char buffer[64];
    std::vector<fs::path> finals;
    for (size_t i = 0; i < shards.size(); ++i) {
        std::snprintf(buffer, sizeof buffer, "-%05zu-of-%05zu", i + 1, shards.size());
        finals.push_back(dir / (shards.size() == 1 ? stem + ".safetensors" : stem + buffer + ".safetensors"));
    }
    // Every shard complete and synced before any is renamed; an exception removes every temporary.
    std::vector<std::unique_ptr<AtomicFile>> files;
    for (size_t i = 0; i < shards.size(); ++i) {
        files.push_back(std::make_unique<AtomicFile>(finals[i]));
        writeTo(*files.back(), shards[i]);
        files.back()->sync();
    }
    for (auto& f : files)
        f->commit();

    if (writeIndex && shards.size() > 1) {
        nlohmann::json index;
        index["metadata"] = {{"total_size", totalBytes()}};
        index["weight_map"] = nlohmann::json::object();
        for (size_t i = 0; i < shards.size(); ++i)
            for (const Entry* e : shards[i])
                index["weight_map"][e->name] = finals[i].filename().string();
        finals.push_back(dir / (stem + ".safetensors.index.json"));
        writeFileAtomically(finals.back(), index.dump(2) + "\n");
    }
    return finals;
}

}  // namespace exl2
