// A read-only memory mapping of a whole file (RAII). The kernel pages data in on first touch, so
// mapping a 10 GB model costs address space, not memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>

namespace exl2 {

class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& path);  // throws Error(Io) naming the file
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    uint64_t size() const { return m_size; }
    std::span<const uint8_t> bytes() const { return {m_data, size_t(m_size)}; }

private:
    std::filesystem::path m_path;
    const uint8_t* m_data = nullptr;
    uint64_t m_size = 0;
    int m_fd = -1;
};

}  // namespace exl2
