#include "appsettings.h"

#include <QSettings>

namespace exl2::AppSettings {

namespace {
constexpr int kMaxRecent = 8;
}

void saveState(const WizardState& state)
{
    QSettings s;
    const JobSettings& j = state.settings;
    s.beginGroup(QStringLiteral("job"));
    s.setValue(QStringLiteral("inDir"), QString::fromStdString(j.inDir));
    s.setValue(QStringLiteral("demoModel"), state.demoModel);
    s.setValue(QStringLiteral("outDir"), QString::fromStdString(j.outDir));
    s.setValue(QStringLiteral("calDataset"), QString::fromStdString(j.calDataset));
    s.setValue(QStringLiteral("calColumn"), QString::fromStdString(j.calColumn));
    s.setValue(QStringLiteral("bits"), j.bits);
    s.setValue(QStringLiteral("headBits"), j.headBits);
    s.setValue(QStringLiteral("shardSizeMiB"), j.shardSizeMiB);
    s.setValue(QStringLiteral("datasetRows"), j.datasetRows);
    s.setValue(QStringLiteral("measurementRows"), j.measurementRows);
    s.setValue(QStringLiteral("length"), j.length);
    s.setValue(QStringLiteral("measurementLength"), j.measurementLength);
    s.setValue(QStringLiteral("device"), QString::fromStdString(j.device));
    s.endGroup();
}

void loadState(WizardState& state)
{
    QSettings s;
    JobSettings& j = state.settings;
    s.beginGroup(QStringLiteral("job"));
    j.inDir = s.value(QStringLiteral("inDir"), QString::fromStdString(j.inDir)).toString().toStdString();
    state.demoModel = s.value(QStringLiteral("demoModel"), state.demoModel).toBool();
    j.outDir = s.value(QStringLiteral("outDir"), QString::fromStdString(j.outDir)).toString().toStdString();
    j.calDataset = s.value(QStringLiteral("calDataset"), QString::fromStdString(j.calDataset)).toString().toStdString();
    j.calColumn = s.value(QStringLiteral("calColumn"), QString::fromStdString(j.calColumn)).toString().toStdString();
    j.bits = s.value(QStringLiteral("bits"), j.bits).toDouble();
    j.headBits = s.value(QStringLiteral("headBits"), j.headBits).toInt();
    j.shardSizeMiB = s.value(QStringLiteral("shardSizeMiB"), j.shardSizeMiB).toDouble();
    j.datasetRows = s.value(QStringLiteral("datasetRows"), j.datasetRows).toInt();
    j.measurementRows = s.value(QStringLiteral("measurementRows"), j.measurementRows).toInt();
    j.length = s.value(QStringLiteral("length"), j.length).toInt();
    j.measurementLength = s.value(QStringLiteral("measurementLength"), j.measurementLength).toInt();
    j.device = s.value(QStringLiteral("device"), QString::fromStdString(j.device)).toString().toStdString();
    s.endGroup();
}

QStringList recentFolders(const QString& purpose)
{
    return QSettings().value(QStringLiteral("recent/") + purpose).toStringList();
}

void addRecentFolder(const QString& purpose, const QString& folder)
{
    if (folder.isEmpty())
        return;
    QStringList list = recentFolders(purpose);
    list.removeAll(folder);
    list.prepend(folder);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(QStringLiteral("recent/") + purpose, list);
}

QByteArray windowGeometry() { return QSettings().value(QStringLiteral("window/geometry")).toByteArray(); }
void setWindowGeometry(const QByteArray& geometry) { QSettings().setValue(QStringLiteral("window/geometry"), geometry); }

QString theme() { return QSettings().value(QStringLiteral("ui/theme")).toString(); }
void setTheme(const QString& theme) { QSettings().setValue(QStringLiteral("ui/theme"), theme); }
QString language() { return QSettings().value(QStringLiteral("ui/language")).toString(); }
void setLanguage(const QString& language) { QSettings().setValue(QStringLiteral("ui/language"), language); }

}  // namespace exl2::AppSettings
