#include "bad_model.h"

#include "test_support.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace exl2test {
namespace fs = std::filesystem;

std::string readBytes(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("test setup: cannot read " + file.string());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const fs::path& file, const std::string& bytes)
{
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out)
        throw std::runtime_error("test setup: cannot write " + file.string());
}

std::vector<StTensor> readTensors(const fs::path& file)
{
    const std::string raw = readBytes(file);
    uint64_t headerLength = 0;
    std::memcpy(&headerLength, raw.data(), 8);
    const auto header = nlohmann::ordered_json::parse(raw.substr(8, headerLength));
    const size_t dataStart = 8 + headerLength;
    std::vector<StTensor> out;
    for (const auto& [name, t] : header.items()) {
        if (name == "__metadata__")
            continue;
        const auto begin = t["data_offsets"][0].get<size_t>(), end = t["data_offsets"][1].get<size_t>();
        out.push_back({name, t["dtype"].get<std::string>(), t["shape"].get<std::vector<int64_t>>(),
                       raw.substr(dataStart + begin, end - begin)});
    }
    return out;
}

void writeTensors(const fs::path& file, const std::vector<StTensor>& tensors)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    std::string data;
    for (const auto& t : tensors) {
        header[t.name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {data.size(), data.size() + t.bytes.size()}}};
        data += t.bytes;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    const uint64_t length = text.size();
    std::string bytes(8, '\0');
    std::memcpy(bytes.data(), &length, 8);
    writeBytes(file, bytes + text + data);
}

void writeStoriesModel(const fs::path& dir, const std::function<void(std::vector<StTensor>&)>& mutate)
{
    const fs::path src = sharedDir() / "models" / "stories260k";
    fs::create_directories(dir);
    for (const char* name : {"config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"})
        fs::copy_file(src / name, dir / name, fs::copy_options::overwrite_existing);
    auto tensors = readTensors(src / "model.safetensors");
    if (mutate)
        mutate(tensors);
    writeTensors(dir / "model.safetensors", tensors);
}

}  // namespace exl2test
