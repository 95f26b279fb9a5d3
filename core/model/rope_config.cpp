#include "model/rope_config.h"

#include "util/error.h"

namespace exl2 {
namespace {

std::vector<double> factorList(const ConfigFields& f, const nlohmann::json& block, const char* key, size_t expected)
{
    const std::string field = std::string("rope_scaling.") + key;
    const auto it = block.find(key);
    if (it == block.end() || !it->is_array())
        f.fail(field, "is missing (expected a list of " + std::to_string(expected) + " numbers)");
    if (it->size() != expected)
        f.fail(field, "has " + std::to_string(it->size()) + " entries, expected " + std::to_string(expected) +
                          " (rotary dimensions / 2)");
    std::vector<double> out;
    for (const auto& v : *it)
        out.push_back(f.toDouble(v, field));
    return out;
}

}  // namespace

RopeScaling parseRopeScaling(const ConfigFields& f, const ModelConfig& config)
{
    RopeScaling rs;
    const auto it = f.root().find("rope_scaling");
    if (it == f.root().end() || it->is_null())
        return rs;
    const nlohmann::json& block = *it;
    if (!block.is_object())
        f.fail("rope_scaling", "must be an object or null, found " + block.dump());

    // "type" (older configs) and "rope_type" (newer) name the same thing; exllamav2 rejects both at once.
    std::string type;
    for (const char* key : {"type", "rope_type"}) {
        const auto t = block.find(key);
        if (t == block.end())
            continue;
        if (!t->is_string())
            f.fail(std::string("rope_scaling.") + key, "must be a string, found " + t->dump());
        if (!type.empty() && type != t->get<std::string>())
            f.fail("rope_scaling", "has both \"type\" and \"rope_type\" with different values");
        type = t->get<std::string>();
    }
    if (type.empty())
        f.fail("rope_scaling.type", "is missing (expected linear, dynamic, yarn, llama3, longrope or su)");

    auto number = [&](const char* key, std::optional<double> fallback) {
        const auto v = block.find(key);
        if (v == block.end() || v->is_null()) {
            if (!fallback)
                f.fail(std::string("rope_scaling.") + key, "is missing (required for rope type \"" + type + "\")");
            return *fallback;
        }
        return f.toDouble(*v, std::string("rope_scaling.") + key);
    };
    auto originalMax = [&](bool required) -> int64_t {
        const auto v = block.find("original_max_position_embeddings");
        if (v != block.end() && !v->is_null())
            return f.toInt(*v, "rope_scaling.original_max_position_embeddings");
        if (const auto top = f.optInt({"original_max_position_embeddings"}))
            return *top;
        if (required)
            f.fail("original_max_position_embeddings", "is missing (required for rope type \"" + type + "\")");
        return config.maxPositions;
    };
    if (block.contains("attention_factor") && !block["attention_factor"].is_null())
        rs.attentionFactor = number("attention_factor", std::nullopt);

    if (type == "default") {
        return RopeScaling{};
    } else if (type == "linear" || type == "dynamic") {
        rs.type = type == "linear" ? RopeScalingType::Linear : RopeScalingType::Dynamic;
        rs.factor = number("factor", std::nullopt);
        rs.originalMaxPositions = originalMax(false);
    } else if (type == "yarn") {
        rs.type = RopeScalingType::Yarn;
        rs.factor = number("factor", std::nullopt);
        rs.betaFast = number("beta_fast", 32.0);
        rs.betaSlow = number("beta_slow", 1.0);
        rs.originalMaxPositions = originalMax(false);
    } else if (type == "llama3") {
        rs.type = RopeScalingType::Llama3;
        rs.factor = number("factor", std::nullopt);
        rs.lowFreqFactor = number("low_freq_factor", std::nullopt);
        rs.highFreqFactor = number("high_freq_factor", std::nullopt);
        rs.originalMaxPositions = originalMax(true);
    } else if (type == "longrope" || type == "su") {
        rs.type = RopeScalingType::LongRope;
        const size_t half = size_t(config.rotaryDims() / 2);
        rs.longFactor = factorList(f, block, "long_factor", half);
        rs.shortFactor = factorList(f, block, "short_factor", half);
        rs.originalMaxPositions = originalMax(true);
    } else {
        throw Error(ErrorCode::Unsupported, f.file().string() + ": rope_scaling type \"" + type +
                                                "\" is not supported (supported: linear, dynamic, yarn, llama3, "
                                                "longrope, su)");
    }
    if (rs.factor <= 0)
        f.fail("rope_scaling.factor", "must be positive, found " + std::to_string(rs.factor));
    if (rs.originalMaxPositions <= 0)
        f.fail("original_max_position_embeddings", "must be positive");
    return rs;
}

}  // namespace exl2
