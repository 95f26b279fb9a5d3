// Everything exl2-studio remembers between runs, in QSettings: the last job settings, recent folders
// per purpose, window geometry, the theme and a language override.
#pragma once

#include "wizardstate.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace exl2 {

namespace AppSettings {

void saveState(const WizardState& state);
void loadState(WizardState& state);

QStringList recentFolders(const QString& purpose);
void addRecentFolder(const QString& purpose, const QString& folder);

QByteArray windowGeometry();
void setWindowGeometry(const QByteArray& geometry);

QString theme();  // "light", "dark" or "" (the system's)
void setTheme(const QString& theme);
QString language();  // "de", "zh_CN", "en" or "" (the system locale)
void setLanguage(const QString& language);

}  // namespace AppSettings

}  // namespace exl2
