#include "optimize/measurement.h"

#include "optimize/measurement_json.h"
#include "util/python_json.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <algorithm>
#include <cstdio>

namespace exl2 {

namespace {

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

MeasuredKind kindOfKey(const std::string& key)
{
    if (endsWith(key, ".self_attn"))
        return MeasuredKind::SelfAttn;
    if (endsWith(key, ".mlp"))
        return MeasuredKind::Mlp;
    if (endsWith(key, ".block_sparse_moe"))
        return MeasuredKind::BlockSparseMoe;
    if (endsWith(key, ".parallel_decoder"))
        return MeasuredKind::ParallelDecoder;
    return MeasuredKind::None;
}

// Which linears a record of each kind must carry (gate_proj is optional: MLPs without a gate).
void checkLinears(const OptionRecord& r, MeasuredKind kind, const std::string& where)
{
    std::vector<std::string> required, optional;
    if (kind == MeasuredKind::SelfAttn)
        required = {"q_proj", "k_proj", "v_proj", "o_proj"};
    else if (kind == MeasuredKind::Mlp)
        required = {"up_proj", "down_proj"}, optional = {"gate_proj"};
    else if (kind == MeasuredKind::BlockSparseMoe)
        required = {"w1", "w3", "w2"};
    for (const auto& name : required)
        if (std::none_of(r.linears.begin(), r.linears.end(), [&](const auto& l) { return l.first == name; }))
            throw Error(ErrorCode::Format, where + "." + name + ": missing");
    for (const auto& [name, _] : r.linears)
        if (std::find(required.begin(), required.end(), name) == required.end() &&
            std::find(optional.begin(), optional.end(), name) == optional.end())
            throw Error(ErrorCode::Format, where + "." + name + ": unexpected field in this kind of record");
}

std::vector<OptionRecord> recordList(const nlohmann::ordered_json& v, MeasuredKind kind, const std::string& where)
{
    if (!v.is_array() || v.empty())
        throw Error(ErrorCode::Format, where + ": expected a non-empty list of option records");
    std::vector<OptionRecord> out;
    for (size_t i = 0; i < v.size(); ++i) {
        const std::string at = where + "[" + std::to_string(i) + "]";
        out.push_back(recordFromJson(v[i], at));
        checkLinears(out.back(), kind, at);
    }
    return out;
}

}  // namespace

std::string MeasuredQParams::description() const
{
    // "{p}:{b}b_{g}g" joined by "/", then " s{scale_bits}"; p printed as Python prints the stored value.
    std::string out;
    for (size_t i = 0; i < bits.size(); ++i) {
        int g = 0;
        for (const auto& [b, size] : groupSize)
            if (b == bits[i])
                g = size;
        const double p = i < bitsProp.size() ? bitsProp[i] : 0;
        const std::string ps = p == 1.0 ? "1" : pythonFloatRepr(p);
        if (i)
            out += "/";
        out += ps + ":" + std::to_string(bits[i]) + "b_" + std::to_string(g) + "g";
    }
    return out + " s" + std::to_string(scaleBits);
}

const MeasuredModule* Measurement::find(const std::string& key) const
{
    for (const auto& m : modules)
        if (m.key == key)
            return &m;
    return nullptr;
}

Measurement parseMeasurement(const std::string& text, const std::string& fileName)
{
    const auto root = parseJsonText(text, fileName);
    const std::string file = fileName + ": ";
    if (!root.is_object())
        throw Error(ErrorCode::Format, file + "expected a JSON object with \"measurement\" and \"last_module_idx\"");
    const auto mit = root.find("measurement");
    if (mit == root.end() || !mit->is_object())
        throw Error(ErrorCode::Format, file + "measurement: expected an object of per-module option records");
    Measurement out;
    const auto lit = root.find("last_module_idx");
    if (lit == root.end() || !lit->is_number_integer() || lit->get<int64_t>() < 0)
        throw Error(ErrorCode::Format, file + "last_module_idx: expected a non-negative integer");
    out.lastModuleIdx = lit->get<int64_t>();

    for (const auto& [key, value] : mit->items()) {
        const std::string where = file + "measurement[\"" + key + "\"]";
        MeasuredModule m;
        m.key = key;
        if (value.is_null()) {
            m.kind = MeasuredKind::None;  // norm, lm_head, pos_emb: measured by nothing
            out.modules.push_back(std::move(m));
            continue;
        }
        m.kind = kindOfKey(key);
        if (m.kind == MeasuredKind::None)
            throw Error(ErrorCode::Format, where + ": expected null (only .self_attn, .mlp, .block_sparse_moe and "
                                                   ".parallel_decoder entries hold records)");
        if (m.kind == MeasuredKind::ParallelDecoder) {
            if (!value.is_object() || !value.contains("attn") || !value.contains("mlp") || value.size() != 2)
                throw Error(ErrorCode::Format, where + ": expected an object {\"attn\": [...], \"mlp\": [...]}");
            m.options = recordList(value["attn"], MeasuredKind::SelfAttn, where + ".attn");
            m.mlpOptions = recordList(value["mlp"], MeasuredKind::Mlp, where + ".mlp");
        } else {
            m.options = recordList(value, m.kind, where);
        }
        out.modules.push_back(std::move(m));
    }
    return out;
}

Measurement readMeasurement(const std::filesystem::path& path)
{
    return parseMeasurement(readFile(path), path.string());
}

std::string measurementToJsonText(const Measurement& m)
{
    nlohmann::ordered_json modules = nlohmann::ordered_json::object();
    const auto list = [](const std::vector<OptionRecord>& records) {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (const auto& r : records)
            arr.push_back(recordToJson(r));
        return arr;
    };
    for (const auto& mod : m.modules) {
        if (mod.kind == MeasuredKind::None)
            modules[mod.key] = nullptr;
        else if (mod.kind == MeasuredKind::ParallelDecoder)
            modules[mod.key] = nlohmann::ordered_json{{"attn", list(mod.options)}, {"mlp", list(mod.mlpOptions)}};
        else
            modules[mod.key] = list(mod.options);
    }
    nlohmann::ordered_json root = nlohmann::ordered_json::object();
    root["measurement"] = modules;
    root["last_module_idx"] = m.lastModuleIdx;
    return dumpPythonJson(root, 4);
}

void writeMeasurement(const std::filesystem::path& path, const Measurement& m)
{
    writeFileAtomically(path, measurementToJsonText(m));
}

}  // namespace exl2
