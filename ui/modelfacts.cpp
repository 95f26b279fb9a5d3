#include "modelfacts.h"

#include "io/safetensors.h"

#include <sstream>

namespace exl2 {

ModelFacts inspectModel(const std::filesystem::path& dir, int rows, int length)
{
    ModelFacts facts;
    facts.config = loadModelConfig(dir);
    const SafetensorsReader reader = SafetensorsReader::open(dir);
    checkModelTensors(facts.config, reader);
    facts.summary = summarizeModel(facts.config, reader, rows, length);
    return facts;
}

std::string describeRope(const ModelConfig& c)
{
    std::ostringstream s;
    if (c.ropeStyle == RopeStyle::None)
        return "none (learned positions)";
    if (c.ropeScaling.type != RopeScalingType::None)
        s << ropeScalingTypeName(c.ropeScaling.type) << " x" << c.ropeScaling.factor << ", ";
    s << "theta " << c.ropeTheta;
    if (c.partialRotaryFactor < 1.0)
        s << ", partial " << c.partialRotaryFactor;
    return s.str();
}

}  // namespace exl2
