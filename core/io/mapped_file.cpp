#include "io/mapped_file.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace exl2 {

MappedFile::MappedFile(const std::filesystem::path& path) : m_path(path)
{
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        throw Error(ErrorCode::Io, "cannot open " + path.string() + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(m_fd);
        throw Error(ErrorCode::Io, "cannot read " + path.string() + ": not a regular file");
    }
    m_size = uint64_t(st.st_size);
    if (m_size == 0)
        return;  // mmap of length 0 is invalid; an empty file simply has no bytes
    void* p = ::mmap(nullptr, size_t(m_size), PROT_READ, MAP_PRIVATE, m_fd, 0);
    if (p == MAP_FAILED) {
        const int err = errno;
        ::close(m_fd);
        throw Error(ErrorCode::Io, "cannot memory-map " + path.string() + ": " + std::strerror(err));
    }
    m_data = static_cast<const uint8_t*>(p);
}

MappedFile::~MappedFile()
{
    if (m_data)
        ::munmap(const_cast<uint8_t*>(m_data), size_t(m_size));
    if (m_fd >= 0)
        ::close(m_fd);
}

}  // namespace exl2
