// Writing safetensors files: deterministic layout (tensors ordered by dtype width, widest first, then by
// name, as the reference serializer does, so every tensor is aligned to its element size), header padded
// with spaces to a multiple of 8, optional sharding by size with an index json. Files appear under their
// final names only when complete (temporary name, fsync, rename).
#pragma once

#include "io/safetensors.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace exl2 {

class AtomicFile;

class SafetensorsWriter {
public:
    SafetensorsWriter();  // metadata defaults to {"format": "pt"}, as torch-saved checkpoints carry

    // Takes a copy of the bytes. Throws Error(InvalidArgument) naming the tensor when the byte count does
    // not match shape x dtype, the name is empty or already added, or a dimension is negative.
    void add(const std::string& name, DType dtype, std::vector<int64_t> shape, std::span<const uint8_t> bytes);
    // The caller keeps `bytes` alive until the last write call (no copy: for large tensors).
    void addView(const std::string& name, DType dtype, std::vector<int64_t> shape, std::span<const uint8_t> bytes);
    // Converts float32 values to F32, F16 or BF16 (round to nearest even).
    void addFloats(const std::string& name, DType dtype, std::vector<int64_t> shape, std::span<const float> values);

    void setMetadata(std::map<std::string, std::string> metadata) { m_metadata = std::move(metadata); }
    size_t size() const { return m_tensors.size(); }
    uint64_t totalBytes() const;

    // One file with every tensor.
    void write(const std::filesystem::path& file) const;

    // Shards of at most `maxShardBytes` of tensor data each (a larger single tensor gets a shard of its own),
    // filled in the order tensors were added: "<stem>.safetensors" when one file suffices, else
    // "<stem>-00001-of-0000N.safetensors" plus "<stem>.safetensors.index.json" (when `writeIndex`).
    // Every shard is written under a temporary name first; all are renamed once all are complete, the index last.
    // Returns the files written (shards, then index).
    std::vector<std::filesystem::path> writeSharded(const std::filesystem::path& dir, uint64_t maxShardBytes,
                                                    const std::string& stem = "model", bool writeIndex = true) const;

    // The header block of a file holding `tensors` (8-byte length + JSON + space padding) and the order in
    // which their data must follow. Exposed for tools that lay out the data themselves (benchmarks).
    struct Layout {
        std::string header;
        std::vector<size_t> order;  // indices into the tensor list
    };
    struct Entry {
        std::string name;
        DType dtype = DType::F32;
        std::vector<int64_t> shape;
        std::vector<uint8_t> owned;
        std::span<const uint8_t> bytes;
    };
    static Layout layout(const std::vector<const Entry*>& tensors, const std::map<std::string, std::string>& metadata);

private:
    Entry& addEntry(const std::string& name, DType dtype, std::vector<int64_t> shape, size_t byteCount);
    void writeTo(AtomicFile& out, const std::vector<const Entry*>& tensors) const;

    std::vector<Entry> m_tensors;  // insertion order
    std::map<std::string, std::string> m_metadata;
};

}  // namespace exl2
