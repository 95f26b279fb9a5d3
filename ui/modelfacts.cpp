#include "modelfacts.h"

#include "io/safetensors.h"

#include <QCoreApplication>

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

QString describeRope(const ModelConfig& c)
{
    if (c.ropeStyle == RopeStyle::None)
        return QCoreApplication::translate("ModelFacts", "none (learned positions)");
    QString s = QCoreApplication::translate("ModelFacts", "theta %1").arg(c.ropeTheta, 0, 'g', 10);
    if (c.ropeScaling.type != RopeScalingType::None)
        s = QCoreApplication::translate("ModelFacts", "%1 ×%2, %3")
                .arg(QString::fromLatin1(ropeScalingTypeName(c.ropeScaling.type)))
                .arg(c.ropeScaling.factor)
                .arg(s);
    if (c.partialRotaryFactor < 1.0)
        s = QCoreApplication::translate("ModelFacts", "%1, partial rotation %2").arg(s).arg(c.partialRotaryFactor);
    return s;
}

}  // namespace exl2
