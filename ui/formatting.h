// Small, translated text helpers shared by the pages: sizes, durations, job stage titles, and the
// coloured inline message labels (warning, notice, error) the pages show beside their inputs.
#pragma once

#include <QLabel>
#include <QString>

#include <cstdint>

namespace exl2 {

QString formatBytes(uint64_t bytes);
QString formatDuration(double seconds);
QString stageTitle(int stage);  // JobStage as int
int stageCount();               // number of JobStage values

enum class MessageKind { Warning, Notice, Error };
// A word-wrapped label, hidden until given text, styled for its kind.
QLabel* makeMessageLabel(MessageKind kind, QWidget* parent = nullptr);
void showMessage(QLabel* label, const QString& text);  // empty text hides it

}  // namespace exl2
