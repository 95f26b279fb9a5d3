#include "util/atomic_file.h"

#include "util/error.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <unistd.h>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

// Fault-injection hook for tests: EXL2_FAULT_KILL_POINT=n makes the process SIGKILL itself at its n-th
// write point (temporary created, half of a write done, before the rename, after it): the instants at
// which a crash would do the most harm if the temp-then-rename rule were broken.
void faultPoint()
{
    static const long target = [] {
        const char* v = std::getenv("EXL2_FAULT_KILL_POINT");
        return v ? std::atol(v) : 0L;
    }();
    static std::atomic<long> count{0};
    if (target > 0 && ++count == target)
        ::kill(::getpid(), SIGKILL);
}

fs::path temporaryNameFor(const fs::path& path)
{
    return path.string() + ".tmp-" + std::to_string(::getpid());
}

// Buffers an ostream into an AtomicFile; the first failed write is kept and reported after the writer returns
// (ostream swallows exceptions from its buffer into badbit).
class FileBuf : public std::streambuf {
public:
    explicit FileBuf(AtomicFile& file) : m_file(file) { setp(m_buffer, m_buffer + sizeof m_buffer); }
    bool flushBuffer()
    {
        const size_t n = size_t(pptr() - pbase());
        setp(m_buffer, m_buffer + sizeof m_buffer);
        if (n == 0 || m_error)
            return !m_error;
        try {
            m_file.write(m_buffer, n);
        } catch (const Error& e) {
            m_error = std::make_unique<Error>(e);
        }
        return !m_error;
    }
    const Error* error() const { return m_error.get(); }

protected:
    int_type overflow(int_type ch) override
    {
        if (!flushBuffer())
            return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return flushBuffer() ? 0 : -1; }

private:
    AtomicFile& m_file;
    char m_buffer[1 << 16];
    std::unique_ptr<Error> m_error;
};

}  // namespace

std::string writeFailureMessage(const fs::path& path, int err)
{
    std::string msg = "cannot write " + path.string() + ": " + std::strerror(err);
    if (err == ENOSPC || err == EDQUOT)
        msg += " (no space left on the device; the job resumes where it stopped once space is freed)";
    else if (err == EFBIG)
        msg += " (file size limit reached, see ulimit -f, or no space left; the job resumes where it stopped "
               "once the limit is raised or space is freed)";
    return msg;
}

AtomicFile::AtomicFile(fs::path path) : m_path(std::move(path)), m_tmp(temporaryNameFor(m_path))
{
    m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error(ErrorCode::Io, "cannot create " + m_tmp.string() + ": " + std::strerror(errno));
    faultPoint();
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed)
        ::unlink(m_tmp.c_str());
}

void AtomicFile::write(const void* data, size_t size)
{
    if (m_fd < 0)
        throw Error(ErrorCode::Internal, m_path.string() + ": write after the file was synced");
    const char* p = static_cast<const char*>(data);
    writeAll(p, size / 2);
    faultPoint();  // a torn temporary: half of this piece is on disk
    writeAll(p + size / 2, size - size / 2);
}

void AtomicFile::writeAll(const char* p, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw Error(ErrorCode::Io, writeFailureMessage(m_path, n < 0 ? errno : ENOSPC));
        p += n;
        size -= size_t(n);
    }
}

void AtomicFile::sync()
{
    if (m_fd < 0)
        return;
    const int fd = m_fd;
    m_fd = -1;
    faultPoint();
    const bool synced = ::fsync(fd) == 0;
    const int syncErr = errno;
    const bool closed = ::close(fd) == 0;  // NFS and friends may report a failed write only here
    if (!synced || !closed)
        throw Error(ErrorCode::Io, writeFailureMessage(m_path, !synced ? syncErr : errno));
}

void AtomicFile::commit()
{
    sync();
    if (::rename(m_tmp.c_str(), m_path.c_str()) != 0)
        throw Error(ErrorCode::Io, "cannot rename " + m_tmp.string() + " to " + m_path.string() + ": " +
                                       std::strerror(errno));
    m_committed = true;
    faultPoint();
    if (m_path.has_parent_path())
        syncDirectory(m_path.parent_path());
}

void syncDirectory(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

void writeFileAtomically(const fs::path& path, const std::function<void(std::ostream&)>& writer)
{
    AtomicFile file(path);
    FileBuf buffer(file);
    std::ostream out(&buffer);
    writer(out);
    out.flush();
    if (const Error* e = buffer.error())
        throw *e;
    if (!out)
        throw Error(ErrorCode::Io, "cannot write " + path.string() + ": the output stream failed");
    file.commit();
}

void writeFileAtomically(const fs::path& path, std::string_view contents)
{
    AtomicFile file(path);
    file.write(contents);
    file.commit();
}

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, "cannot open " + path.string() + ": " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw Error(ErrorCode::Io, "cannot read " + path.string());
    return buffer.str();
}

}  // namespace exl2
