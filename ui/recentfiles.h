// The "Open Recent" list of measurement files: most recent first, at most ten, kept in QSettings.
// Files that have gone since are dropped when the list is refreshed for display.
#pragma once

#include <QString>
#include <QStringList>

namespace exl2 {

class RecentFiles {
public:
    static constexpr int kMaxEntries = 10;

    explicit RecentFiles(QString settingsKey = QStringLiteral("recent/measurements"));

    // As stored, most recent first; not checked against the disk.
    QStringList entries() const;
    // Moves `path` (made absolute and clean) to the front and keeps the newest kMaxEntries.
    void add(const QString& path);
    void remove(const QString& path);
    // Removes the entries whose file no longer exists; returns them (for a status-bar message).
    QStringList dropMissing();
    void clear();

private:
    void store(const QStringList& list);

    QString m_key;
};

}  // namespace exl2
