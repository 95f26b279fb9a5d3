// Synthetic measurements for the optimizer tests and benchmark: the reference option tables (19 attention,
// 17 MLP rows), total_bits from the reference cost formula for Llama-like shapes, and accuracy-vs-bits
// curves (exponential decay with per-layer difficulty and seeded noise).
#pragma once

#include "optimize/measurement.h"
#include "optimize/weight_counts.h"

#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace exl2test {

// "0.05:3b_64g/0.95:2b_64g" -> QParams (scale bits 4).
inline exl2::MeasuredQParams qpFromDescription(const std::string& desc)
{
    exl2::MeasuredQParams qp;
    std::stringstream ss(desc);
    std::string part;
    while (std::getline(ss, part, '/')) {
        const auto colon = part.find(':'), b = part.find("b_");
        const double p = std::stod(part.substr(0, colon));
        const int bits = std::stoi(part.substr(colon + 1, b - colon - 1));
        const int g = std::stoi(part.substr(b + 2));
        qp.bits.push_back(bits);
        qp.bitsProp.push_back(p);
        bool have = false;
        for (auto& [bb, gg] : qp.groupSize)
            have = have || bb == bits;
        if (!have)
            qp.groupSize.emplace_back(bits, g);
    }
    return qp;
}

inline const std::vector<std::vector<std::string>>& attnTable()
{
    static const std::vector<std::vector<std::string>> t = {
        {"0.05:3b_64g/0.95:2b_64g", "0.05:3b_64g/0.95:2b_64g", "0.05:3b_64g/0.95:2b_64g", "0.05:3b_64g/0.95:2b_64g"},
        {"0.1:3b_64g/0.9:2b_64g", "0.1:3b_64g/0.9:2b_64g", "0.25:3b_64g/0.75:2b_64g", "0.1:3b_64g/0.9:2b_64g"},
        {"0.1:3b_64g/0.9:2b_64g", "0.1:3b_64g/0.9:2b_64g", "0.1:4b_128g/0.9:3b_128g", "0.1:3b_64g/0.9:2b_64g"},
        {"0.1:3b_64g/0.9:2b_64g", "0.1:3b_64g/0.9:2b_64g", "0.1:4b_128g/0.9:3b_128g", "0.1:4b_128g/0.9:3b_128g"},
        {"0.1:4b_128g/0.9:3b_128g", "0.1:4b_128g/0.9:3b_128g", "0.1:4b_128g/0.9:3b_128g", "0.1:4b_128g/0.9:3b_128g"},
        {"0.1:4b_128g/0.9:3b_128g", "0.1:4b_128g/0.9:3b_128g", "0.1:4b_64g/0.9:3b_64g", "0.1:4b_128g/0.9:3b_128g"},
        {"1:4b_128g", "1:4b_128g", "1:4b_128g", "1:4b_128g"},
        {"1:4b_128g", "1:4b_128g", "1:4b_64g", "1:4b_128g"},
        {"1:4b_64g", "1:4b_64g", "1:4b_32g", "1:4b_64g"},
        {"1:4b_32g", "1:4b_32g", "1:4b_32g", "1:4b_32g"},
        {"0.1:5b_128g/0.9:4b_128g", "0.1:5b_128g/0.9:4b_128g", "0.1:5b_64g/0.9:4b_64g", "0.1:5b_128g/0.9:4b_128g"},
        {"0.1:5b_64g/0.9:4b_64g", "0.1:5b_64g/0.9:4b_64g", "0.1:5b_32g/0.9:4b_32g", "0.1:5b_64g/0.9:4b_64g"},
        {"0.1:5b_64g/0.9:4b_64g", "0.1:5b_64g/0.9:4b_64g", "1:5b_64g", "0.1:5b_64g/0.9:4b_64g"},
        {"0.1:5b_32g/0.9:4b_32g", "0.1:5b_32g/0.9:4b_32g", "1:5b_32g", "0.1:5b_32g/0.9:4b_32g"},
        {"0.1:6b_128g/0.9:5b_128g", "0.1:6b_128g/0.9:5b_128g", "1:6b_128g", "0.1:6b_128g/0.9:5b_128g"},
        {"0.1:6b_32g/0.9:5b_32g", "0.1:6b_32g/0.9:5b_32g", "1:6b_32g", "0.1:6b_32g/0.9:5b_32g"},
        {"1:6b_128g", "1:6b_128g", "1:6b_128g", "1:6b_128g"},
        {"1:6b_32g", "1:6b_32g", "1:8b_32g", "1:6b_32g"},
        {"1:8b_128g", "1:8b_128g", "1:8b_128g", "1:8b_128g"},
    };
    return t;
}

inline const std::vector<std::vector<std::string>>& mlpTable()
{
    static const std::vector<std::vector<std::string>> t = {
        {"0.05:3b_64g/0.95:2b_64g", "0.05:3b_64g/0.95:2b_64g", "0.05:6b_32g/0.2:3b_64g/0.75:2b_64g"},
        {"0.1:3b_64g/0.9:2b_64g", "0.25:3b_64g/0.75:2b_64g", "0.05:6b_32g/0.2:3b_64g/0.75:2b_64g"},
        {"0.1:3b_64g/0.9:2b_64g", "0.3:3b_64g/0.7:2b_64g", "0.05:5b_32g/0.95:3b_32g"},
        {"0.1:3b_64g/0.9:2b_64g", "0.3:3b_64g/0.7:2b_64g", "0.05:5b_32g/0.95:4b_32g"},
        {"0.1:4b_128g/0.9:3b_128g", "0.25:4b_128g/0.75:3b_128g", "0.05:8b_32g/0.1:4b_128g/0.85:3b_128g"},
        {"0.1:4b_32g/0.9:3b_32g", "0.25:4b_32g/0.75:3b_32g", "0.05:8b_32g/0.1:4b_32g/0.85:3b_32g"},
        {"0.1:4b_32g/0.9:3b_32g", "0.25:4b_32g/0.75:3b_32g", "0.05:8b_32g/0.95:4b_128g"},
        {"1:4b_128g", "1:4b_32g", "0.05:8b_32g/0.95:4b_128g"},
        {"1:4b_32g", "1:4b_32g", "0.05:8b_32g/0.95:4b_32g"},
        {"0.1:5b_128g/0.9:4b_128g", "0.25:5b_128g/0.75:4b_128g", "0.05:8b_32g/0.1:5b_128g/0.85:4b_128g"},
        {"0.1:5b_32g/0.9:4b_32g", "0.25:5b_32g/0.75:4b_32g", "0.05:8b_32g/0.1:5b_32g/0.85:4b_32g"},
        {"0.1:6b_128g/0.9:5b_128g", "0.25:6b_128g/0.75:5b_128g", "0.05:8b_32g/0.1:6b_128g/0.85:5b_128g"},
        {"0.1:6b_32g/0.9:5b_32g", "0.25:6b_32g/0.75:5b_32g", "0.05:8b_32g/0.1:6b_32g/0.85:5b_32g"},
        {"1:6b_128g", "1:6b_128g", "0.05:8b_32g/0.95:6b_128g"},
        {"0.1:8b_128g/0.9:6b_128g", "0.1:8b_128g/0.9:6b_128g", "0.15:8b_128g/0.85:6b_128g"},
        {"0.1:8b_128g/0.9:6b_128g", "0.1:8b_128g/0.9:6b_128g", "1:8b_128g"},
        {"1:8b_128g", "1:8b_128g", "1:8b_128g"},
    };
    return t;
}

struct SyntheticShape {
    int64_t hidden = 4096, kvDim = 1024, intermediate = 14336;
};

inline uint64_t attnNumel(const SyntheticShape& s) { return uint64_t(2 * s.hidden * s.hidden + 2 * s.hidden * s.kvDim); }
inline uint64_t mlpNumel(const SyntheticShape& s) { return uint64_t(3 * s.hidden * s.intermediate); }

// A measurement of `layers` decoder layers. Errors fall roughly as exp(-1.2 bpw) with a difficulty per
// layer (first and last layers harder) and +-15 % noise, so curves are realistic but not convex.
inline exl2::Measurement syntheticMeasurement(int layers, uint32_t seed, SyntheticShape shape = {})
{
    std::mt19937 rng(seed);
    const auto uniform = [&] { return double(rng()) / 4294967296.0; };
    exl2::Measurement m;
    m.modules.push_back({});
    m.modules.clear();
    const auto build = [&](const std::vector<std::vector<std::string>>& table, const std::vector<std::string>& names,
                           const std::vector<std::pair<int64_t, int64_t>>& shapes, double difficulty) {
        std::vector<exl2::OptionRecord> records;
        uint64_t numel = 0;
        for (const auto& [k, n] : shapes)
            numel += uint64_t(k * n);
        for (const auto& row : table) {
            exl2::OptionRecord r;
            for (size_t l = 0; l < names.size(); ++l) {
                const auto qp = qpFromDescription(row[l]);
                r.totalBits += exl2::linearTotalBits(shapes[l].first, shapes[l].second, qp);
                r.linears.emplace_back(names[l], qp);
            }
            const double bpw = double(r.totalBits) / double(numel);
            const double err = difficulty * std::exp(-1.2 * (bpw - 2.0)) * (0.85 + 0.3 * uniform());
            r.accuracy = 1.0 - std::min(0.9, std::max(1e-6, err));
            records.push_back(r);
        }
        return records;
    };
    const int64_t h = shape.hidden, kv = shape.kvDim, im = shape.intermediate;
    for (int i = 0; i < layers; ++i) {
        const double edge = (i == 0 || i == layers - 1) ? 2.0 : 1.0;
        const double difficulty = edge * (0.6 + 0.8 * uniform());
        const std::string prefix = "model.layers." + std::to_string(i);
        m.modules.push_back({prefix + ".self_attn", exl2::MeasuredKind::SelfAttn,
                             build(attnTable(), {"q_proj", "k_proj", "v_proj", "o_proj"},
                                   {{h, h}, {h, kv}, {h, kv}, {h, h}}, 0.03 * difficulty),
                             {}});
        m.modules.push_back({prefix + ".mlp", exl2::MeasuredKind::Mlp,
                             build(mlpTable(), {"gate_proj", "up_proj", "down_proj"}, {{h, im}, {h, im}, {im, h}},
                                   0.05 * difficulty),
                             {}});
    }
    m.modules.push_back({"model.norm.norm", exl2::MeasuredKind::None, {}, {}});
    m.modules.push_back({"lm_head.linear", exl2::MeasuredKind::None, {}, {}});
    m.lastModuleIdx = 2 * layers + 2;
    return m;
}

}  // namespace exl2test
