#include "pipeline/compile_files.h"

#include "util/atomic_file.h"
#include "util/error.h"

namespace exl2 {
namespace fs = std::filesystem;

namespace {

std::string orDefault(const std::string& key, const std::string& fallback) { return key.empty() ? fallback : key; }

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::vector<std::string> attentionLinearKeys(const ModelConfig& c, int layer)
{
    const LayerKeys& k = c.layers.at(size_t(layer));
    const std::string p = k.prefix + ".self_attn.";
    return {orDefault(k.q, p + "q_proj"), orDefault(k.k, p + "k_proj"), orDefault(k.v, p + "v_proj"),
            orDefault(k.o, p + "o_proj")};
}

std::vector<std::string> mlpLinearKeys(const ModelConfig& c, int layer)
{
    const LayerKeys& k = c.layers.at(size_t(layer));
    const std::string p = k.prefix + ".mlp.";
    std::vector<std::string> out;
    if (!k.gate.empty() || !k.fusedGateUp.empty())
        out.push_back(orDefault(k.gate, p + "gate_proj"));
    out.push_back(orDefault(k.up, p + "up_proj"));
    out.push_back(orDefault(k.down, p + "down_proj"));
    return out;
}

std::vector<std::string> moeLinearKeys(const ModelConfig& c, int layer)
{
    const LayerKeys& k = c.layers.at(size_t(layer));
    if (k.expertGate.size() != k.expertUp.size() || k.expertGate.size() != k.expertDown.size())
        throw Error(ErrorCode::Model, k.prefix + ": the experts' w1/w3/w2 counts differ");
    std::vector<std::string> out;
    for (size_t e = 0; e < k.expertGate.size(); ++e) {
        out.push_back(k.expertGate[e]);
        out.push_back(k.expertUp[e]);
        out.push_back(k.expertDown[e]);
    }
    return out;
}

std::vector<std::string> feedForwardLinearKeys(const ModelConfig& c, int layer)
{
    return c.isMoe() ? moeLinearKeys(c, layer) : mlpLinearKeys(c, layer);
}

void DecoderBits::addTensor(const std::string& name, const TensorInfo& info)
{
    m_bits += info.byteSize * 8;
    const size_t dot = name.rfind('.');
    const std::string key = name.substr(0, dot), suffix = name.substr(dot + 1);
    if (suffix == "q_invperm" && !info.shape.empty())
        m_k[key] = info.shape[0];
    if (suffix == "q_weight" && info.shape.size() == 2)
        m_n[key] = info.shape[1];
    if (suffix == "bias" && !info.shape.empty())
        m_weights += uint64_t(info.shape[0]);
    if (m_k.count(key) && m_n.count(key)) {
        m_weights += uint64_t(m_k[key] * m_n[key]);
        m_k.erase(key);
        m_n.erase(key);
    }
}

nlohmann::ordered_json quantizationConfig(const JobSettings& s, int rowsUsed)
{
    nlohmann::ordered_json q;
    q["quant_method"] = "exl2";
    q["version"] = kExllamaVersion;
    q["bits"] = s.bits;
    q["head_bits"] = s.headBits;
    q["calibration"] = {{"rows", rowsUsed > 0 ? rowsUsed : s.datasetRows},
                        {"length", s.length},
                        {"dataset", s.calDataset.empty() ? std::string("(default)") : fs::path(s.calDataset).filename().string()}};
    return q;
}

void copyModelFiles(JobContext& ctx, const fs::path& src, const fs::path& dest)
{
    ctx.log(" -- Copying non-tensor files to output directory " + dest.string());
    bool sawBin = false;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(src)) {
        if (!e.is_regular_file())
            continue;
        const std::string name = e.path().filename().string();
        if (endsWith(name, ".bin")) {
            sawBin = true;
            continue;
        }
        if (endsWith(name, ".safetensors") || endsWith(name, ".safetensors.index.json") ||
            endsWith(name, ".bin.index.json"))
            continue;
        files.push_back(e.path());
    }
    if (sawBin)
        ctx.log(" !! Ignoring *.bin files in source dir");
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
        const std::string name = f.filename().string();
        const fs::path target = ctx.work().own(dest / name);
        ctx.log(" --   " + name);
        if (name == "config.json") {
            nlohmann::ordered_json config;
            try {
                config = nlohmann::ordered_json::parse(readFile(f));
            } catch (const nlohmann::json::exception& e) {
                throw Error(ErrorCode::Format, f.string() + ": not valid JSON (" + e.what() + ")");
            }
            config["quantization_config"] = quantizationConfig(ctx.settings(), ctx.job().datasetRowsUsed);
            writeFileAtomically(target, config.dump(4, ' ', true) + "\n");
        } else {
            writeFileAtomically(target, readFile(f));
        }
    }
}

}  // namespace exl2
