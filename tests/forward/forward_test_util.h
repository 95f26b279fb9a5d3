// Shared helpers of the forward tests: golden JSON, model loading, float comparison.
#pragma once

#include "forward/transformer_model.h"
#include "io/safetensors.h"
#include "model/model_config.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>

namespace fwdtest {

inline nlohmann::json readJson(const std::filesystem::path& p)
{
    std::ifstream in(p);
    if (!in)
        throw std::runtime_error("cannot open " + p.string());
    return nlohmann::json::parse(in);
}

inline std::filesystem::path dataDir() { return exl2test::testDataDir() / "forward"; }

inline exl2::TransformerModel loadModel(const std::filesystem::path& dir, exl2::ForwardOptions options = {})
{
    const exl2::ModelConfig config = exl2::loadModelConfig(dir);
    auto reader = std::make_shared<const exl2::SafetensorsReader>(exl2::SafetensorsReader::open(dir));
    return exl2::TransformerModel::load(config, reader, options);
}

inline double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b)
{
    double m = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        m = std::max(m, double(std::fabs(a[i] - b[i])));
    return a.size() == b.size() ? m : INFINITY;
}

}  // namespace fwdtest
