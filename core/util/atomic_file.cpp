#include "util/atomic_file.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

fs::path temporaryNameFor(const fs::path& path)
{
    return path.string() + ".tmp-" + std::to_string(::getpid());
}

void syncFile(const fs::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

void commit(const fs::path& tmp, const fs::path& path)
{
    syncFile(tmp);
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error(ErrorCode::Io, "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message());
    }
    if (path.has_parent_path())
        syncFile(path.parent_path());
}

}  // namespace

void writeFileAtomically(const fs::path& path, const std::function<void(std::ostream&)>& writer)
{
    const fs::path tmp = temporaryNameFor(path);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(ErrorCode::Io, "cannot create " + tmp.string() + ": " + std::strerror(errno));
        try {
            writer(out);
        } catch (...) {
            out.close();
            std::error_code ec;
            fs::remove(tmp, ec);
            throw;
        }
        out.flush();
        if (!out) {
            out.close();
            std::error_code ec;
            fs::remove(tmp, ec);
            throw Error(ErrorCode::Io, "cannot write " + path.string() + " (disk full?)");
        }
    }
    commit(tmp, path);
}

void writeFileAtomically(const fs::path& path, std::string_view contents)
{
    writeFileAtomically(path, [&](std::ostream& out) { out.write(contents.data(), std::streamsize(contents.size())); });
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
