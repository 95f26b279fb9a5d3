#include "recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace exl2 {

namespace {
QString normalized(const QString& path) { return QFileInfo(path).absoluteFilePath(); }
}  // namespace

RecentFiles::RecentFiles(QString settingsKey) : m_key(std::move(settingsKey)) {}

QStringList RecentFiles::entries() const { return QSettings().value(m_key).toStringList(); }

void RecentFiles::store(const QStringList& list) { QSettings().setValue(m_key, list); }

void RecentFiles::add(const QString& path)
{
    if (path.isEmpty())
        return;
    const QString file = normalized(path);
    QStringList list = entries();
    list.removeAll(file);
    list.prepend(file);
    while (list.size() > kMaxEntries)
        list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = entries();
    if (list.removeAll(normalized(path)) > 0)
        store(list);
}

QStringList RecentFiles::dropMissing()
{
    QStringList kept, gone;
    for (const QString& file : entries())
        (QFileInfo(file).isFile() ? kept : gone) << file;
    if (!gone.isEmpty())
        store(kept);
    return gone;
}

void RecentFiles::clear() { QSettings().remove(m_key); }

}  // namespace exl2
