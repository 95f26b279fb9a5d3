#include "pipeline/work_dir.h"

#include "pipeline/job_file.h"
#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <unistd.h>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

// "dir:" lines are folders, anything else a file.
constexpr const char* kDirPrefix = "dir:";

std::string storedName(const fs::path& dir, const fs::path& file)
{
    const fs::path abs = fs::absolute(file.is_absolute() ? file : dir / file).lexically_normal();
    const fs::path rel = abs.lexically_relative(fs::absolute(dir).lexically_normal());
    if (!rel.empty() && *rel.begin() != "..")
        return rel.string();
    return abs.string();
}

bool removeFile(const fs::path& p)
{
    std::error_code ec;
    return fs::is_regular_file(fs::symlink_status(p, ec)) && fs::remove(p, ec);
}

// Temporaries of util/atomic_file.h: "<name>.tmp-<digits>".
size_t removeTemporaries(const fs::path& file)
{
    std::error_code ec;
    const fs::path parent = file.parent_path();
    if (!fs::is_directory(parent, ec))
        return 0;
    const std::string prefix = file.filename().string() + ".tmp-";
    size_t n = 0;
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size())
            continue;
        if (name.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
            continue;
        n += removeFile(entry.path());
    }
    return n;
}

}  // namespace

WorkDir::WorkDir(fs::path dir) : m_dir(std::move(dir)) { load(); }

fs::path WorkDir::resolve(const fs::path& file) const
{
    return file.is_absolute() ? file : m_dir / file;
}

void WorkDir::load()
{
    std::ifstream in(m_dir / kManifestFileName);
    std::string line;
    while (std::getline(in, line)) {
        // A last line without its newline is a write cut short by a full disk: never a name to delete later.
        if (line.empty() || in.eof())
            continue;
        if (line.rfind(kDirPrefix, 0) == 0)
            m_dirs.insert(line.substr(std::strlen(kDirPrefix)));
        else
            m_files.insert(line);
    }
}

void WorkDir::append(const std::string& line)
{
    const fs::path path = m_dir / kManifestFileName;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0)
        throw Error(ErrorCode::Io, "cannot open " + path.string() + " for appending: " + std::strerror(errno));
    const std::string text = line + "\n";
    const off_t before = ::lseek(fd, 0, SEEK_END);
    const ssize_t written = ::write(fd, text.data(), text.size());
    // A short write without errno is the file size limit or a full disk reached mid-line; cut the partial
    // line off again (load() also skips an unterminated last line, in case this fails too).
    const int writeErrno = written < 0 ? errno : written != ssize_t(text.size()) ? ENOSPC : 0;
    if (written > 0 && writeErrno && before >= 0)
        (void)!::ftruncate(fd, before);
    const int syncErrno = writeErrno == 0 && ::fsync(fd) != 0 ? errno : 0;
    ::close(fd);
    if (writeErrno || syncErrno)
        throw Error(ErrorCode::Io, "cannot write " + path.string() + ": " + std::strerror(writeErrno ? writeErrno : syncErrno));
}

fs::path WorkDir::own(const fs::path& file)
{
    const std::string name = storedName(m_dir, file);
    if (m_files.insert(name).second)
        append(name);
    return resolve(name);
}

void WorkDir::ownDirectory(const fs::path& dir)
{
    const std::string name = storedName(m_dir, dir);
    if (m_dirs.insert(name).second)
        append(kDirPrefix + name);
}

bool WorkDir::owns(const fs::path& file) const { return m_files.count(storedName(m_dir, file)) > 0; }

std::vector<fs::path> WorkDir::ownedFiles() const
{
    std::vector<fs::path> out;
    for (const auto& f : m_files)
        out.push_back(resolve(f));
    return out;
}

size_t WorkDir::clean()
{
    size_t n = 0;
    for (const auto& f : m_files) {
        const fs::path p = resolve(f);
        n += removeFile(p);
        n += removeTemporaries(p);
    }
    for (const char* own : {kJobFileName, kManifestFileName}) {
        n += removeFile(m_dir / own);
        n += removeTemporaries(m_dir / own);
    }
    // Deepest folders first; a folder that still holds something unrelated stays.
    for (auto it = m_dirs.rbegin(); it != m_dirs.rend(); ++it) {
        std::error_code ec;
        const fs::path d = resolve(*it);
        if (fs::is_directory(d, ec) && fs::is_empty(d, ec))
            fs::remove(d, ec);
    }
    m_files.clear();
    m_dirs.clear();
    return n;
}

size_t WorkDir::sweepTemporaries()
{
    size_t n = 0;
    for (const auto& f : m_files)
        n += removeTemporaries(resolve(f));
    return n;
}

bool WorkDir::nonEmpty(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_directory(dir, ec) && !fs::is_empty(dir, ec);
}

}  // namespace exl2
