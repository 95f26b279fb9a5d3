#include "pipeline/array_file.h"

#include "util/atomic_file.h"
#include "util/error.h"

#include <cstring>
#include <ostream>
#include <string>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'E', 'X', 'L', '2', 'A', 'R', 'R', '1'};
enum : uint32_t { kFloat32 = 1, kInt32 = 2 };

uint64_t fnv1a(const uint8_t* p, size_t n, uint64_t h = 1469598103934665603ull)
{
    for (size_t i = 0; i < n; ++i)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

template <typename T>
void writeAny(const fs::path& path, uint32_t type, const std::vector<int64_t>& shape, const std::vector<T>& data)
{
    int64_t count = 1;
    for (int64_t d : shape)
        count *= d;
    if (count != int64_t(data.size()))
        throw Error(ErrorCode::Internal, path.string() + ": shape does not match the data size");
    writeFileAtomically(path, [&](std::ostream& out) {
        std::string head(kMagic, 8);
        const uint32_t rank = uint32_t(shape.size());
        head.append(reinterpret_cast<const char*>(&type), 4);
        head.append(reinterpret_cast<const char*>(&rank), 4);
        head.append(reinterpret_cast<const char*>(shape.data()), shape.size() * 8);
        const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
        const size_t n = data.size() * sizeof(T);
        uint64_t h = fnv1a(reinterpret_cast<const uint8_t*>(head.data()), head.size());
        h = fnv1a(bytes, n, h);
        out.write(head.data(), std::streamsize(head.size()));
        out.write(reinterpret_cast<const char*>(bytes), std::streamsize(n));
        out.write(reinterpret_cast<const char*>(&h), 8);
    });
}

template <typename T>
std::vector<T> readAny(const fs::path& path, uint32_t wantType, std::vector<int64_t>& shape)
{
    const std::string text = readFile(path);
    const std::string what = path.string() + ": not a complete EXL2 Studio checkpoint file";
    if (text.size() < 24 || std::memcmp(text.data(), kMagic, 8) != 0)
        throw Error(ErrorCode::Format, what + " (bad magic)");
    uint32_t type = 0, rank = 0;
    std::memcpy(&type, text.data() + 8, 4);
    std::memcpy(&rank, text.data() + 12, 4);
    if (type != wantType)
        throw Error(ErrorCode::Format, path.string() + ": element type " + std::to_string(type) + ", expected " +
                                           std::to_string(wantType));
    if (rank > 8 || text.size() < 16 + rank * 8 + 8)
        throw Error(ErrorCode::Format, what + " (bad rank)");
    shape.assign(rank, 0);
    std::memcpy(shape.data(), text.data() + 16, rank * 8);
    int64_t count = 1;
    for (int64_t d : shape) {
        if (d < 0 || d > (int64_t(1) << 40))
            throw Error(ErrorCode::Format, what + " (bad shape)");
        count *= d;
    }
    const size_t headSize = 16 + rank * 8;
    if (text.size() != headSize + size_t(count) * sizeof(T) + 8)
        throw Error(ErrorCode::Format, what + " (size " + std::to_string(text.size()) + " does not match its shape)");
    uint64_t stored = 0;
    std::memcpy(&stored, text.data() + text.size() - 8, 8);
    if (fnv1a(reinterpret_cast<const uint8_t*>(text.data()), text.size() - 8) != stored)
        throw Error(ErrorCode::Format, what + " (checksum mismatch)");
    std::vector<T> data(static_cast<size_t>(count));
    std::memcpy(data.data(), text.data() + headSize, data.size() * sizeof(T));
    return data;
}

}  // namespace

void writeArrayFile(const fs::path& path, const FloatArray& a) { writeAny(path, kFloat32, a.shape, a.data); }
void writeArrayFile(const fs::path& path, const IntArray& a) { writeAny(path, kInt32, a.shape, a.data); }

FloatArray readFloatArrayFile(const fs::path& path)
{
    FloatArray a;
    a.data = readAny<float>(path, kFloat32, a.shape);
    return a;
}

IntArray readIntArrayFile(const fs::path& path)
{
    IntArray a;
    a.data = readAny<int32_t>(path, kInt32, a.shape);
    return a;
}

}  // namespace exl2
