// Reading safetensors files (single or sharded), memory-mapped: headers are validated completely,
// tensor data is touched only when a tensor is converted. Writing lives in safetensors_writer.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace exl2 {

enum class DType { F32, F16, BF16, I32, I16, I8, U8, I64, F64, Bool };

const char* dtypeName(DType t);        // "F32", ... ("BOOL" for Bool, as safetensors spells it)
size_t dtypeSize(DType t);
std::optional<DType> dtypeFromName(const std::string& name);  // inverse of dtypeName

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    uint64_t dataOffset = 0;  // absolute offset in the file
    uint64_t byteSize = 0;
    std::filesystem::path file;
    int64_t numel() const;
};

class MappedFile;  // RAII mmap, defined in the .cpp

// One safetensors file or a sharded set (model.safetensors.index.json, or every *.safetensors in a folder).
class SafetensorsReader {
public:
    // `path` is a .safetensors file, an index .json, or a folder (index preferred, else all *.safetensors).
    static SafetensorsReader open(const std::filesystem::path& path);

    SafetensorsReader(SafetensorsReader&&) noexcept;
    SafetensorsReader& operator=(SafetensorsReader&&) noexcept;
    ~SafetensorsReader();

    bool contains(const std::string& name) const;
    const TensorInfo& info(const std::string& name) const;   // throws Model error naming the missing tensor
    std::vector<std::string> names() const;                  // sorted
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }  // "__metadata__" of the first file

    // Raw bytes of a tensor, straight from the mapping (no copy).
    std::span<const uint8_t> raw(const std::string& name) const;
    // The tensor converted to float32 (F32/F16/BF16/integers), row-major.
    std::vector<float> toFloat(const std::string& name) const;

    const std::filesystem::path& source() const { return m_source; }  // what open() was given
    std::vector<std::filesystem::path> files() const;                 // the mapped files, in open order
    uint64_t totalFileBytes() const;                                  // sum of their sizes

private:
    SafetensorsReader();
    void addFile(const std::filesystem::path& file);
    const MappedFile& fileOf(const TensorInfo& t) const;

    std::map<std::string, TensorInfo> m_tensors;
    std::map<std::string, std::string> m_metadata;
    std::vector<std::shared_ptr<MappedFile>> m_files;
    std::map<std::filesystem::path, size_t> m_fileIndex;
    std::filesystem::path m_source;
};

}  // namespace exl2
