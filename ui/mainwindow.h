// The home window of exl2-studio (StudioWindow): File menu (new conversion, open or compare measurements, recent
// measurements), language and theme, About, and a start panel with the same actions. How the home window
// opens the other windows is injected (StudioOpeners) so that tests can watch the routing.
#pragma once

#include "jobworker.h"
#include "recentfiles.h"
#include "studiolaunch.h"

#include <QMainWindow>

#include <functional>
#include <optional>

class QListWidget;
class QMenu;

namespace exl2 {

struct StudioOpeners {
    // Each returns the new, shown top-level window, or nullptr with *error naming the file and the fault.
    std::function<QWidget*(const QString& measurement, const QString& modelDir, QString* error)> inspector;
    std::function<QWidget*(const QStringList& measurements, QString* error)> comparison;
    std::function<QWidget*()> wizard;
};

// The real windows, each top-level and deleted on close: ConversionWizard (over `runner`),
// InspectorWindow and ComparisonWindow.
StudioOpeners standardOpeners(JobRunner runner);

class StudioWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit StudioWindow(StudioOpeners openers, QWidget* parent = nullptr);

    // Each opens its window; a failure shows a message box naming the file and returns nullptr.
    QWidget* newConversion();
    QWidget* openMeasurement(const QString& file, const QString& modelDir = {});
    QWidget* compareMeasurements(const QStringList& files);

    // Re-reads the recent list, dropping files that have gone (said in the status bar).
    void refreshRecent();
    QStringList recentShown() const;  // the recent entries as the menu lists them
    QString lastError() const { return m_lastError; }

private:
    void buildMenus();
    QWidget* buildStartPanel();
    void chooseAndOpen();
    void chooseAndCompare();
    void showError(const QString& title, const QString& text);
    void setLanguage(const QString& code);
    void setTheme(const QString& theme);
    void showAbout();

    StudioOpeners m_openers;
    RecentFiles m_recent;
    QMenu* m_recentMenu = nullptr;
    QListWidget* m_recentList = nullptr;
    QString m_lastError;
};

}  // namespace exl2
