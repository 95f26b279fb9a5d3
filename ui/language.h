// Loads the embedded translation (:/i18n/exl2-studio_<lang>.qm) for the language override, or for the
// system locale when there is none. English needs no file.
#pragma once

#include <QString>

namespace exl2 {

// Returns the language actually loaded ("de", "zh_CN"), or "" for English.
QString installTranslation(const QString& languageOverride);

}  // namespace exl2
