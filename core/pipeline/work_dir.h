// The job's working directory and its manifest: every file a job creates is recorded (and fsync'ed)
// in job_files.txt BEFORE it is created, so -nr can delete exactly what jobs wrote and nothing else.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace exl2 {

inline constexpr const char* kManifestFileName = "job_files.txt";

class WorkDir {
public:
    explicit WorkDir(std::filesystem::path dir);

    const std::filesystem::path& path() const { return m_dir; }

    // Records `file` (absolute, or relative to the working directory) as written by the job; call it
    // before creating the file. Idempotent.
    std::filesystem::path own(const std::filesystem::path& file);
    bool owns(const std::filesystem::path& file) const;
    std::vector<std::filesystem::path> ownedFiles() const;

    // Deletes every recorded file, the temporaries an interrupted atomic write may have left next to
    // them ("<name>.tmp-<pid>"), folders recorded with ownDirectory() once empty, job.json and the
    // manifest itself. Unrelated files are never touched. Returns the number of files removed.
    size_t clean();
    void ownDirectory(const std::filesystem::path& dir);
    // Removes only the temporaries of recorded files (left by a run that was killed mid-write).
    size_t sweepTemporaries();

    // True when the folder holds anything at all.
    static bool nonEmpty(const std::filesystem::path& dir);

private:
    std::filesystem::path resolve(const std::filesystem::path& file) const;
    void load();
    void append(const std::string& line);

    std::filesystem::path m_dir;
    std::set<std::string> m_files;  // as stored: relative to m_dir when inside it, else absolute
    std::set<std::string> m_dirs;
};

}  // namespace exl2
