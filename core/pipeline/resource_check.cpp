#include "pipeline/resource_check.h"

#include "model/model_check.h"
#include "pipeline/job_checks.h"
#include "pipeline/job_file.h"
#include "util/error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <sys/statvfs.h>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

using u64 = uint64_t;

// Bytes of job.json / measurement.json per measured module (stories260k: ~21 KB; options x fields).
constexpr u64 kJobFileBytesPerModule = 32 * 1024;

u64 sum(const ResourceEstimate::Parts& parts)
{
    u64 total = 0;
    for (const auto& p : parts)
        total += p.second;
    return total;
}

std::string partsText(const ResourceEstimate::Parts& parts)
{
    std::string out;
    for (const auto& [what, bytes] : parts)
        if (bytes > 0)
            out += (out.empty() ? "" : ", ") + what + " " + byteText(bytes);
    return out;
}

// Declared (not read) sizes: the weight files and the side files copied into the output.
void folderBytes(const fs::path& dir, u64& weights, u64& sideFiles)
{
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file(ec))
            continue;
        const u64 size = entry.file_size(ec);
        (entry.path().extension() == ".safetensors" ? weights : sideFiles) += ec ? 0 : size;
    }
}

u64 treeBytes(const fs::path& dir)
{
    u64 total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file(ec))
            total += it->file_size(ec);
    return total;
}

fs::path existingAncestor(fs::path p)
{
    std::error_code ec;
    p = fs::absolute(p, ec);
    while (!p.empty() && !fs::exists(p, ec) && p.has_parent_path() && p.parent_path() != p)
        p = p.parent_path();
    return p;
}

std::optional<u64> envBytes(const char* name)
{
    const char* v = std::getenv(name);
    if (!v || !*v)
        return std::nullopt;
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v, &end, 10);
    if (*end != '\0' || v[0] == '-')
        throw Error(ErrorCode::InvalidArgument,
                    std::string(name) + ": expected a whole number of bytes, got '" + v + "'");
    return u64(n);
}

u64 meminfoField(const std::string& text, const std::string& key)
{
    const size_t at = text.find("\n" + key + ":");
    const size_t start = at == std::string::npos ? (text.rfind(key + ":", 0) == 0 ? 0 : std::string::npos) : at + 1;
    if (start == std::string::npos)
        return 0;
    return u64(std::strtoull(text.c_str() + start + key.size() + 1, nullptr, 10)) * 1024;  // "kB"
}

}  // namespace

std::string byteText(u64 bytes)
{
    char buf[48];
    if (bytes >= (u64(1) << 30))
        std::snprintf(buf, sizeof buf, "%.2f GiB", double(bytes) / double(u64(1) << 30));
    else if (bytes >= (u64(1) << 20))
        std::snprintf(buf, sizeof buf, "%.1f MiB", double(bytes) / double(u64(1) << 20));
    else if (bytes >= 1024)
        std::snprintf(buf, sizeof buf, "%.1f KiB", double(bytes) / 1024.0);
    else
        std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
    return buf;
}

ResourceEstimate estimateJobResources(const ModelConfig& c, const fs::path& modelDir, const JobSettings& s)
{
    ResourceEstimate e;
    u64 weightFiles = 0, sideFiles = 0;
    folderBytes(modelDir, weightFiles, sideFiles);

    const u64 h = u64(c.hiddenSize), inter = u64(c.intermediateSize), vocab = u64(c.vocabSize);
    const u64 qRows = u64(c.numHeads * c.headDim), kvRows = u64(c.numKvHeads * c.headDim);
    const u64 experts = c.isMoe() ? u64(c.numExperts) : 1;
    const u64 decoder = u64(c.numLayers) * ((qRows + 2 * kvRows) * h + h * qRows + experts * 3 * inter * h);
    const u64 head = vocab * h;
    const u64 modules = u64(c.numLayers) * 2 + 3;

    // Quantized modules: the target bits (bpw includes the scales) plus 10 % for permutations and group maps;
    // the embedding and norms stay fp16.
    const double bits = std::clamp(s.bits, 2.0, 8.5);
    const u64 quantized = u64(double(decoder) * bits / 8 * 1.1) + u64(double(head) * s.headBits / 8 * 1.1) +
                          (vocab * h + u64(c.numLayers * 2 + 1) * h) * 2;
    const bool measureOnly = !s.outputMeasurement.empty() && s.reuseMeasurement.empty();
    const u64 measureStates = u64(s.measurementRows) * u64(s.measurementLength) * h * 4;
    const u64 quantStates = u64(s.datasetRows) * u64(s.length) * h * 4;
    const u64 states = measureOnly ? measureStates : std::max(measureStates, quantStates);
    // The new checkpoint is complete before the previous one is removed: two at a time.
    e.workParts.push_back({"hidden-state checkpoints", 2 * states});
    e.workParts.push_back({"calibration token ids", u64(s.datasetRows + s.measurementRows) * u64(s.length) * 4});
    e.workParts.push_back({"job.json and measurement.json", 2 * 2 * modules * kJobFileBytesPerModule});
    if (!measureOnly) {
        e.workParts.push_back({"quantized modules (out_tensor)", quantized});
        (s.compileFull.empty() ? e.workParts : e.outputParts)
            .push_back({"compiled model", quantized + sideFiles});
    }
    e.workBytes = sum(e.workParts);
    e.outputBytes = sum(e.outputParts);

    // RAM: model_check's estimate (one layer in fp32, the calibration states in and out), plus the calibration
    // file, which is read whole and split into texts (about three copies at the peak).
    SafetensorsReader reader = SafetensorsReader::open(modelDir);
    const ModelSummary summary = summarizeModel(c, reader, std::max(s.datasetRows, s.measurementRows),
                                                std::max(s.length, s.measurementLength));
    for (const auto& part : summary.ram.parts)
        if (part.first.find("mapped") == std::string::npos)
            e.ramParts.push_back(part);
    std::error_code ec;
    if (!s.calDataset.empty() && fs::is_regular_file(s.calDataset, ec))
        e.ramParts.push_back({"calibration file read whole (x3)", 3 * u64(fs::file_size(s.calDataset, ec))});
    e.ramBytes = sum(e.ramParts);
    e.mappedBytes = summary.fileBytes;
    return e;
}

SystemResources probeSystemResources(const fs::path& workDir, const fs::path& outputDir)
{
    SystemResources r;
    auto probe = [](const fs::path& dir, u64& freeBytes, dev_t& device) {
        const fs::path at = existingAncestor(dir);
        struct statvfs v {};
        struct stat st {};
        if (::statvfs(at.c_str(), &v) == 0)
            freeBytes = u64(v.f_bavail) * u64(v.f_frsize);
        else
            freeBytes = UINT64_MAX;  // unknown: do not refuse on a guess
        device = ::stat(at.c_str(), &st) == 0 ? st.st_dev : 0;
    };
    dev_t workDev = 0, outDev = 0;
    probe(workDir, r.workFree, workDev);
    if (outputDir.empty()) {
        r.outputFree = r.workFree;
    } else {
        probe(outputDir, r.outputFree, outDev);
        r.sameFileSystem = workDev == outDev;
    }
    if (const auto assumed = envBytes("EXL2_ASSUME_FREE_BYTES"))
        r.workFree = r.outputFree = *assumed;

    std::ifstream in("/proc/meminfo");
    std::stringstream text;
    text << in.rdbuf();
    r.memTotal = meminfoField(text.str(), "MemTotal");
    r.memAvailable = meminfoField(text.str(), "MemAvailable");
    if (r.memTotal == 0)
        r.memTotal = r.memAvailable = UINT64_MAX;  // no /proc: do not refuse on a guess
    if (const auto assumed = envBytes("EXL2_ASSUME_MEM_BYTES"))
        r.memTotal = r.memAvailable = *assumed;

    std::error_code ec;
    if (fs::exists(workDir / kJobFileName, ec))
        r.workUsedByJob = treeBytes(workDir);
    return r;
}

void checkResourceFit(const ResourceEstimate& e, const SystemResources& sys, const fs::path& workDir,
                      const fs::path& outputDir, const std::function<void(const std::string&)>& log)
{
    const u64 workNeed = e.workBytes > sys.workUsedByJob ? e.workBytes - sys.workUsedByJob : 0;
    auto refuse = [](const std::string& where, u64 need, u64 free, const std::string& parts, const char* option) {
        throw Error(ErrorCode::ResourceLimit,
                    "Error: not enough free disk space in " + where + ": the job needs about " + byteText(need) +
                        ", " + byteText(free) + " free (estimate: " + parts + "); free some space or choose another " +
                        option);
    };
    if (!outputDir.empty() && sys.sameFileSystem) {
        const u64 need = workNeed + e.outputBytes;
        if (need > sys.workFree)
            refuse(workDir.string() + " and " + outputDir.string() + " (one file system)", need, sys.workFree,
                   partsText(e.workParts) + ", " + partsText(e.outputParts), "-o/-cf");
    } else {
        if (workNeed > sys.workFree)
            refuse(workDir.string() + " (working folder, -o)", workNeed, sys.workFree, partsText(e.workParts), "-o");
        if (!outputDir.empty() && e.outputBytes > sys.outputFree)
            refuse(outputDir.string() + " (output folder, -cf)", e.outputBytes, sys.outputFree,
                   partsText(e.outputParts), "-cf");
    }
    if (e.ramBytes > sys.memTotal) {
        const auto largest = std::max_element(e.ramParts.begin(), e.ramParts.end(),
                                              [](const auto& a, const auto& b) { return a.second < b.second; });
        const bool dataset = largest != e.ramParts.end() && largest->first.find("calibration file") != std::string::npos;
        throw Error(ErrorCode::ResourceLimit,
                    "Error: the job needs about " + byteText(e.ramBytes) + " of RAM (" + partsText(e.ramParts) +
                        "), more than the " + byteText(sys.memTotal) + " this machine has (MemTotal); " +
                        (dataset ? "use a smaller calibration file (-c)"
                                 : "use fewer or shorter calibration rows (-r/-l, -mr/-ml)"));
    }
    if (e.ramBytes + e.mappedBytes > sys.memAvailable)
        log(" !! Warning: the job may need about " + byteText(e.ramBytes + e.mappedBytes) +
            " of RAM (weight files mapped: " + byteText(e.mappedBytes) + "), more than the " +
            byteText(sys.memAvailable) + " available now (MemAvailable); it may swap or be stopped by the system");
}

void preflightResources(const ModelConfig& config, const fs::path& modelDir, const JobSettings& settings,
                        const std::function<void(const std::string&)>& log)
{
    JobSettings s = settings;
    const auto quiet = [](const std::string&) {};
    applySmallModelDefaults(s, config, quiet);
    clampLengths(s, config.maxPositions, quiet);
    const ResourceEstimate e = estimateJobResources(config, modelDir, s);
    const fs::path work = s.outDir, out = s.compileFull;
    checkResourceFit(e, probeSystemResources(work, out), work, out, log);
}

}  // namespace exl2
