// The input model as the stages see it: config.json, its tensors, the forward model (module list in
// the reference converter's order, with the -rs/-ra overrides of calibration passes) and the backend.
#pragma once

#include "backend/backend.h"
#include "forward/transformer_model.h"
#include "io/safetensors.h"
#include "model/model_config.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace exl2 {

class SourceModel {
public:
    // Reads config.json and indexes the tensors; `device` is --device. Throws exl2::Error naming the file.
    SourceModel(const std::filesystem::path& dir, const std::string& device, std::optional<double> ropeScale,
                std::optional<double> ropeAlpha);

    const ModelConfig& config() const { return m_config; }
    const SafetensorsReader& tensors() const { return *m_reader; }
    TransformerModel& transformer() { return *m_model; }
    Backend& backend() { return *m_backend; }
    const std::vector<ModuleRef>& modules() const { return m_modules; }
    const std::filesystem::path& dir() const { return m_dir; }

private:
    std::filesystem::path m_dir;
    ModelConfig m_config;
    std::shared_ptr<const SafetensorsReader> m_reader;
    std::unique_ptr<TransformerModel> m_model;
    std::unique_ptr<Backend> m_backend;
    std::vector<ModuleRef> m_modules;
};

// measurement.json / strategy key of a module: "model.layers.3.self_attn", "model.norm.norm", "lm_head.linear".
std::string measuredKey(const ModuleRef& m);
// Console name as the reference prints it: "Attention", "MLP", "RMSNorm", "Linear", "Embedding".
std::string moduleDisplayName(const ModuleRef& m);

}  // namespace exl2
