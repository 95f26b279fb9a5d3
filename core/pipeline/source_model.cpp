#include "pipeline/source_model.h"

#include "backend/registry.h"
#include "util/error.h"

namespace exl2 {
namespace fs = std::filesystem;

SourceModel::SourceModel(const fs::path& dir, const std::string& device, std::optional<double> ropeScale,
                         std::optional<double> ropeAlpha)
    : m_dir(dir), m_config(loadModelConfig(dir)),
      m_reader(std::make_shared<const SafetensorsReader>(SafetensorsReader::open(dir))),
      m_backend(BackendRegistry::create(device))
{
    ForwardOptions options;
    options.rope = RopeOverrides{ropeScale, ropeAlpha};
    m_model = std::make_unique<TransformerModel>(TransformerModel::load(m_config, m_reader, options));
    m_modules = m_model->modules();
}

std::string measuredKey(const ModuleRef& m) { return m.moduleKey + "." + m.mode; }

std::string moduleDisplayName(const ModuleRef& m)
{
    switch (m.kind) {
    case ModuleKind::Embedding: return "Embedding";
    case ModuleKind::Attention: return "Attention";
    case ModuleKind::Mlp: return "MLP";
    case ModuleKind::Moe: return "MoE MLP";
    case ModuleKind::FinalNorm: return "RMSNorm";
    case ModuleKind::Head: return "Linear";
    }
    return "Module";
}

}  // namespace exl2
