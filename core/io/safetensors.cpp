#include "io/safetensors.h"

#include "io/mapped_file.h"
#include "io/safetensors_header.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/half.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

const char* const kDtypeNames[] = {"F32", "F16", "BF16", "I32", "I16", "I8", "U8", "I64", "F64", "BOOL"};
const size_t kDtypeSizes[] = {4, 2, 2, 4, 2, 1, 1, 8, 8, 1};

template <typename T>
void convertInto(const uint8_t* src, std::vector<float>& out)
{
    for (size_t i = 0; i < out.size(); ++i) {
        T v;
        std::memcpy(&v, src + i * sizeof(T), sizeof(T));  // offsets need not be aligned
        out[i] = float(v);
    }
}

// The shard files an index names, validating its weight_map; returns (tensor -> file) pairs.
std::map<std::string, fs::path> readIndex(const fs::path& indexPath)
{
    nlohmann::json index;
    try {
        index = nlohmann::json::parse(readFile(indexPath));
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorCode::Format, indexPath.string() + ": not valid JSON: " + e.what());
    }
    const auto map = index.is_object() ? index.find("weight_map") : index.end();
    if (map == index.end() || !map->is_object() || map->empty())
        throw Error(ErrorCode::Format, indexPath.string() + ": missing or empty \"weight_map\" object");
    std::map<std::string, fs::path> out;
    for (const auto& [tensor, file] : map->items()) {
        if (!file.is_string() || file.get<std::string>().empty())
            throw Error(ErrorCode::Format,
                        indexPath.string() + ": weight_map entry '" + tensor + "' must be a file name string");
        const fs::path shard = indexPath.parent_path() / file.get<std::string>();
        if (!fs::is_regular_file(shard))
            throw Error(ErrorCode::Format, indexPath.string() + ": weight_map entry '" + tensor +
                                               "' points at missing file " + shard.string());
        out[tensor] = shard;
    }
    return out;
}

fs::path findIndexIn(const fs::path& dir)
{
    if (fs::is_regular_file(dir / "model.safetensors.index.json"))
        return dir / "model.safetensors.index.json";
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(dir)) {
        const auto name = e.path().filename().string();
        if (e.is_regular_file() && name.ends_with(".safetensors.index.json"))
            found.push_back(e.path());
    }
    return found.size() == 1 ? found.front() : fs::path();
}

}  // namespace

const char* dtypeName(DType t) { return kDtypeNames[size_t(t)]; }
size_t dtypeSize(DType t) { return kDtypeSizes[size_t(t)]; }

std::optional<DType> dtypeFromName(const std::string& name)
{
    for (size_t i = 0; i < std::size(kDtypeNames); ++i)
        if (name == kDtypeNames[i])
            return DType(i);
    return std::nullopt;
}

int64_t TensorInfo::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

SafetensorsReader::SafetensorsReader() = default;
SafetensorsReader::SafetensorsReader(SafetensorsReader&&) noexcept = default;
SafetensorsReader& SafetensorsReader::operator=(SafetensorsReader&&) noexcept = default;
SafetensorsReader::~SafetensorsReader() = default;

void SafetensorsReader::addFile(const fs::path& file)
{
    if (m_fileIndex.count(file))
        return;
    auto mapped = std::make_shared<MappedFile>(file);
    SafetensorsHeader header = parseSafetensorsHeader(mapped->bytes(), file);
    for (auto& t : header.tensors) {
        const auto existing = m_tensors.find(t.name);
        if (existing != m_tensors.end())
            throw Error(ErrorCode::Format, file.string() + ": tensor '" + t.name + "' is also stored in " +
                                               existing->second.file.string() + " (duplicate across shards)");
        m_tensors.emplace(t.name, std::move(t));
    }
    if (m_files.empty())
        m_metadata = std::move(header.metadata);
    m_fileIndex[file] = m_files.size();
    m_files.push_back(std::move(mapped));
}

SafetensorsReader SafetensorsReader::open(const fs::path& path)
{
    SafetensorsReader reader;
    reader.m_source = path;
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(ErrorCode::Io, "cannot open " + path.string() + ": no such file or folder");

    fs::path index;
    if (fs::is_directory(path)) {
        index = findIndexIn(path);
        if (index.empty()) {
            std::vector<fs::path> shards;
            for (const auto& e : fs::directory_iterator(path))
                if (e.is_regular_file() && e.path().extension() == ".safetensors")
                    shards.push_back(e.path());
            if (shards.empty())
                throw Error(ErrorCode::Model, path.string() + ": no .safetensors files found in this folder");
            std::sort(shards.begin(), shards.end());
            for (const auto& s : shards)
                reader.addFile(s);
            return reader;
        }
    } else if (path.extension() == ".json") {
        index = path;
    } else {
        reader.addFile(path);
        return reader;
    }

    const auto weightMap = readIndex(index);
    std::vector<fs::path> shards;
    for (const auto& [tensor, file] : weightMap)
        if (std::find(shards.begin(), shards.end(), file) == shards.end())
            shards.push_back(file);
    std::sort(shards.begin(), shards.end());
    for (const auto& s : shards)
        reader.addFile(s);
    for (const auto& [tensor, file] : weightMap) {
        const auto it = reader.m_tensors.find(tensor);
        if (it == reader.m_tensors.end() || it->second.file != file)
            throw Error(ErrorCode::Format, index.string() + ": weight_map says tensor '" + tensor + "' is in " +
                                               file.filename().string() + ", but that file does not contain it");
    }
    return reader;
}

bool SafetensorsReader::contains(const std::string& name) const { return m_tensors.count(name) != 0; }

const TensorInfo& SafetensorsReader::info(const std::string& name) const
{
    const auto it = m_tensors.find(name);
    if (it == m_tensors.end())
        throw Error(ErrorCode::Model, m_source.string() + ": tensor '" + name + "' not found");
    return it->second;
}

std::vector<std::string> SafetensorsReader::names() const
{
    std::vector<std::string> out;
    out.reserve(m_tensors.size());
    for (const auto& [name, t] : m_tensors)
        out.push_back(name);
    return out;
}

const MappedFile& SafetensorsReader::fileOf(const TensorInfo& t) const { return *m_files.at(m_fileIndex.at(t.file)); }

std::span<const uint8_t> SafetensorsReader::raw(const std::string& name) const
{
    const TensorInfo& t = info(name);
    return fileOf(t).bytes().subspan(size_t(t.dataOffset), size_t(t.byteSize));
}

std::vector<float> SafetensorsReader::toFloat(const std::string& name) const
{
    const TensorInfo& t = info(name);
    const uint8_t* src = raw(name).data();
    std::vector<float> out(size_t(t.numel()));
    switch (t.dtype) {
    case DType::F32: std::memcpy(out.data(), src, out.size() * 4); break;
    case DType::F16:
        for (size_t i = 0; i < out.size(); ++i) {
            uint16_t h;
            std::memcpy(&h, src + 2 * i, 2);
            out[i] = halfToFloat(h);
        }
        break;
    case DType::BF16:
        for (size_t i = 0; i < out.size(); ++i) {
            uint16_t h;
            std::memcpy(&h, src + 2 * i, 2);
            out[i] = bf16ToFloat(h);
        }
        break;
    case DType::I32: convertInto<int32_t>(src, out); break;
    case DType::I16: convertInto<int16_t>(src, out); break;
    case DType::I8: convertInto<int8_t>(src, out); break;
    case DType::U8: convertInto<uint8_t>(src, out); break;
    case DType::I64: convertInto<int64_t>(src, out); break;
    case DType::F64: convertInto<double>(src, out); break;
    case DType::Bool: convertInto<uint8_t>(src, out); break;
    }
    return out;
}

std::vector<fs::path> SafetensorsReader::files() const
{
    std::vector<fs::path> out;
    for (const auto& f : m_files)
        out.push_back(f->path());
    return out;
}

uint64_t SafetensorsReader::totalFileBytes() const
{
    uint64_t total = 0;
    for (const auto& f : m_files)
        total += f->size();
    return total;
}

}  // namespace exl2
