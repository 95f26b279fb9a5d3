// The facts `exl2-tool inspect` prints and the GUI shows about a model folder, as text and as JSON
// (one source for both, so they never disagree).
#pragma once

#include "model/model_check.h"
#include "model/model_config.h"

#include <nlohmann/json.hpp>
#include <string>

namespace exl2 {

nlohmann::json modelReportJson(const ModelConfig& config, const ModelSummary& summary);
std::string modelReportText(const ModelConfig& config, const ModelSummary& summary);

}  // namespace exl2
