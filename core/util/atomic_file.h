// Writing files so that a crash or a full disk never leaves a half-written file under the final name:
// data goes to "<name>.tmp-<pid>", is flushed and fsync'ed, then renamed over the target.
#pragma once

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

}  // namespace exl2
