// Writing files so that a crash or a full disk never leaves a half-written file under the final name:
// data goes to "<name>.tmp-<pid>", every write/fsync/close result is checked, then it is renamed over
// the target. A failed write (ENOSPC, EFBIG from a file size limit, EIO) is one Error(Io) naming the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace exl2 {

// Writes `contents` to `path` atomically. Throws exl2::Error(Io) naming the file on any failure;
// the previous file at `path`, if any, is then left untouched.
void writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

// Streams into a temporary file through `writer`, then renames it to `path` (same guarantees).
void writeFileAtomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& writer);

// Reads a whole file; throws exl2::Error(Io) naming the file when it cannot.
std::string readFile(const std::filesystem::path& path);

// The message of a failed write to `path` with errno `err`: names the file and, for ENOSPC/EFBIG/EDQUOT,
// says that space (or the file size limit) ran out and that the job resumes once space is freed.
std::string writeFailureMessage(const std::filesystem::path& path, int err);

// One file written in pieces under its temporary name; commit() fsyncs, closes and renames it. Destroyed
// without commit() (an exception on the way), it removes the temporary and leaves `path` as it was.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, size_t size);
    void write(std::string_view text) { write(text.data(), text.size()); }
    // fsync + close of the temporary; commit() does it when not done yet (sharded writes sync every
    // shard before renaming any).
    void sync();
    void commit();

    const std::filesystem::path& path() const { return m_path; }
    const std::filesystem::path& temporaryPath() const { return m_tmp; }

private:
    void writeAll(const char* p, size_t size);

    std::filesystem::path m_path, m_tmp;
    int m_fd = -1;
    bool m_committed = false;
};

// Test hook: EXL2_FAULT_KILL_POINT=n in the environment makes the process SIGKILL itself at its n-th write
// point (temporary created, half of a write() done, before the fsync/rename, after the rename).

// fsync of a folder after renames into it (best effort: some file systems refuse it).
void syncDirectory(const std::filesystem::path& dir);

}  // namespace exl2
