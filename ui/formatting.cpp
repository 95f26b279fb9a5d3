#include "formatting.h"

#include "pipeline/job_settings.h"

#include <QCoreApplication>

namespace exl2 {

QString formatBytes(uint64_t bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 B").arg(bytes) : QStringLiteral("%1 %2").arg(v, 0, 'f', 1).arg(units[u]);
}

QString formatDuration(double seconds)
{
    if (seconds < 0)
        return QCoreApplication::translate("Formatting", "unknown");
    const qint64 s = qint64(seconds + 0.5);
    if (s < 60)
        return QCoreApplication::translate("Formatting", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("Formatting", "%1 min %2 s").arg(s / 60).arg(s % 60);
    return QCoreApplication::translate("Formatting", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

int stageCount() { return int(JobStage::Finished) + 1; }

QString stageTitle(int stage)
{
    switch (JobStage(stage)) {
    case JobStage::Begin: return QCoreApplication::translate("Formatting", "Preparing");
    case JobStage::InitialEmbeddings: return QCoreApplication::translate("Formatting", "Tokenizing and embedding (measurement)");
    case JobStage::MeasureQuant: return QCoreApplication::translate("Formatting", "Measuring quantization error");
    case JobStage::Optimize: return QCoreApplication::translate("Formatting", "Choosing bits per layer");
    case JobStage::TokensCal: return QCoreApplication::translate("Formatting", "Tokenizing calibration data");
    case JobStage::Embeddings: return QCoreApplication::translate("Formatting", "Embedding calibration data");
    case JobStage::Quant: return QCoreApplication::translate("Formatting", "Quantizing");
    case JobStage::Compile: return QCoreApplication::translate("Formatting", "Writing the EXL2 model");
    case JobStage::Finished: return QCoreApplication::translate("Formatting", "Finished");
    }
    return QCoreApplication::translate("Formatting", "Unknown stage");
}

QLabel* makeMessageLabel(MessageKind kind, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setVisible(false);
    // Colours that stay legible on both the light and the dark palette.
    const char* style = kind == MessageKind::Error     ? "color: #e0403a; font-weight: bold;"
                        : kind == MessageKind::Warning ? "color: #d08a00;"
                                                       : "color: #3c8ad8;";
    label->setStyleSheet(QString::fromLatin1(style));
    label->setObjectName(kind == MessageKind::Error     ? QStringLiteral("error")
                         : kind == MessageKind::Warning ? QStringLiteral("warning")
                                                        : QStringLiteral("notice"));
    return label;
}

void showMessage(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

}  // namespace exl2
