// Benchmark: opening and reading a few tensors of a large sharded model must not copy it into memory.
// Generates a sharded safetensors set (sparse files: headers from SafetensorsWriter::layout, data mostly holes,
// real values only in the tensors read), opens it through the index, reads three tensors and prints the peak
// resident memory against the total file size. Size: EXL2_BENCH_MMAP_GB (default 3). Files are deleted after.
#include "io/safetensors.h"
#include "io/safetensors_writer.h"
#include "util/atomic_file.h"
#include "util/half.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace fs = std::filesystem;
using Entry = exl2::SafetensorsWriter::Entry;

namespace {

long statusKiB(const char* field)  // VmRSS / VmHWM from /proc/self/status
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field, 0) == 0)
            return std::atol(line.c_str() + std::strlen(field) + 1);
    return -1;
}

double mib(double bytes) { return bytes / (1024.0 * 1024.0); }

// One tensor's values: a ramp, so a wrong offset shows up as wrong numbers.
uint16_t valueAt(size_t shard, size_t i) { return exl2::floatToHalf(float(shard) + float(i % 1000) / 1000.0f); }

}  // namespace

int main()
{
    const double gib = std::getenv("EXL2_BENCH_MMAP_GB") ? std::atof(std::getenv("EXL2_BENCH_MMAP_GB")) : 3.0;
    const int64_t rows = 4096, cols = 8192;                      // 64 MiB of F16 per tensor
    const uint64_t tensorBytes = uint64_t(rows * cols) * 2;
    const size_t perShard = 16;                                  // 1 GiB shards
    const size_t tensors = std::max<size_t>(1, size_t(gib * 1024.0 * 1024.0 * 1024.0 / double(tensorBytes)));
    const size_t shards = (tensors + perShard - 1) / perShard;
    const fs::path dir = fs::temp_directory_path() / ("exl2-bench-mmap-" + std::to_string(::getpid()));
    fs::create_directories(dir);

    const auto t0 = std::chrono::steady_clock::now();
    nlohmann::json index;
    index["metadata"] = {{"total_size", tensors * tensorBytes}};
    uint64_t totalFile = 0;
    std::vector<uint16_t> ramp(size_t(rows * cols));
    std::vector<std::string> filled;  // per shard: the tensor holding real values
    for (size_t s = 0; s < shards; ++s) {
        char name[64];
        std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", s + 1, shards);
        std::vector<Entry> entries;
        for (size_t t = s * perShard; t < std::min(tensors, (s + 1) * perShard); ++t) {
            Entry e;
            e.name = "model.layers." + std::to_string(t) + ".mlp.up_proj.weight";
            e.dtype = exl2::DType::F16;
            e.shape = {rows, cols};
            e.bytes = std::span<const uint8_t>(static_cast<const uint8_t*>(nullptr), tensorBytes);  // size only
            entries.push_back(e);
            index["weight_map"][e.name] = name;
        }
        std::vector<const Entry*> ptrs;
        for (const auto& e : entries)
            ptrs.push_back(&e);
        const auto layout = exl2::SafetensorsWriter::layout(ptrs, {{"format", "pt"}});
        const fs::path file = dir / name;
        const int fd = ::open(file.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0644);
        const uint64_t size = layout.header.size() + entries.size() * tensorBytes;
        bool ok = fd >= 0 && ::pwrite(fd, layout.header.data(), layout.header.size(), 0) == ssize_t(layout.header.size()) &&
                  ::ftruncate(fd, off_t(size)) == 0;
        // Real values in the first tensor of the shard's layout order (the one read back below).
        for (size_t i = 0; i < ramp.size(); ++i)
            ramp[i] = valueAt(s, i);
        ok = ok && ::pwrite(fd, ramp.data(), tensorBytes, off_t(layout.header.size())) == ssize_t(tensorBytes);
        filled.push_back(entries[layout.order[0]].name);
        if (fd >= 0)
            ::close(fd);
        if (!ok) {
            std::fprintf(stderr, "bench_mmap: cannot write %s\n", file.c_str());
            fs::remove_all(dir);
            return 1;
        }
        totalFile += size;
    }
    exl2::writeFileAtomically(dir / "model.safetensors.index.json", index.dump(1));
    std::vector<uint16_t>().swap(ramp);  // give the generator's buffer back before measuring
    const double genSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const long rssBefore = statusKiB("VmRSS:");
    const auto t1 = std::chrono::steady_clock::now();
    int failures = 0;
    {
        const auto reader = exl2::SafetensorsReader::open(dir);
        const double openSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
        const long rssOpen = statusKiB("VmRSS:");
        // First tensor of the first and the last shard (real values), converted; one hole tensor, raw.
        for (size_t s : {size_t(0), shards - 1}) {
            const auto values = reader.toFloat(filled[s]);
            for (size_t i = 0; i < values.size(); i += 4099)
                failures += values[i] != exl2::halfToFloat(valueAt(s, i)) ? 1 : 0;
        }
        const auto raw = reader.raw(reader.names()[tensors / 2]);
        uint64_t checksum = 0;
        for (size_t i = 0; i < raw.size(); i += 4096)
            checksum += raw[i];
        const long rssRead = statusKiB("VmRSS:");
        std::printf("bench_mmap: %zu tensors of %.0f MiB in %zu shards, %.2f GiB of files (generated in %.2f s, sparse)\n",
                    tensors, mib(double(tensorBytes)), shards, double(totalFile) / (1 << 30), genSeconds);
        std::printf("bench_mmap: open (headers of %zu files, all validated): %.3f s, RSS %.1f -> %.1f MiB\n", shards,
                    openSeconds, rssBefore / 1024.0, rssOpen / 1024.0);
        std::printf("bench_mmap: after reading 3 tensors (%.0f MiB of mapped pages touched; 2 converted to float32, "
                    "%.0f MiB each, one alive at a time): RSS %.1f MiB (checksum %llu)\n",
                    mib(double(tensorBytes) * 3), mib(double(tensorBytes) * 2), rssRead / 1024.0,
                    (unsigned long long)checksum);
    }
    struct rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    const double peak = double(statusKiB("VmHWM:")) * 1024.0;
    std::printf("bench_mmap: peak RSS %.1f MiB (getrusage maxrss %.1f MiB) vs %.1f MiB of files: %.2f%% of the model\n",
                mib(peak), usage.ru_maxrss / 1024.0, mib(double(totalFile)), 100.0 * peak / double(totalFile));
    fs::remove_all(dir);
    if (failures)
        std::fprintf(stderr, "bench_mmap: %d values read back wrong\n", failures);
    return failures ? 1 : 0;
}
