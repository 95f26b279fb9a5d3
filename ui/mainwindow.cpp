#include "mainwindow.h"

#include "appsettings.h"
#include "comparisonwindow.h"
#include "conversionwizard.h"
#include "inspectorwindow.h"
#include "theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

namespace exl2 {

namespace {
QString measurementFilter() { return StudioWindow::tr("Measurements (*.json);;All files (*)"); }
QString lastFolder() { return AppSettings::recentFolders(QStringLiteral("measurement")).value(0, QDir::homePath()); }
}  // namespace

StudioOpeners standardOpeners(JobRunner runner)
{
    StudioOpeners o;
    o.wizard = [runner]() -> QWidget* {
        auto* w = new ConversionWizard(runner);
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->show();
        return w;
    };
    o.inspector = [](const QString& file, const QString& modelDir, QString* error) -> QWidget* {
        auto* w = new InspectorWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        if (!w->openMeasurement(file, modelDir)) {
            *error = w->lastError();
            delete w;
            return nullptr;
        }
        w->show();
        return w;
    };
    o.comparison = [](const QStringList& files, QString* error) -> QWidget* {
        auto* w = new ComparisonWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        for (const QString& f : files)
            if (!w->addMeasurement(f)) {
                *error = w->lastError();
                delete w;
                return nullptr;
            }
        w->show();
        return w;
    };
    return o;
}

StudioWindow::StudioWindow(StudioOpeners openers, QWidget* parent) : QMainWindow(parent), m_openers(std::move(openers))
{
    setWindowTitle(tr("EXL2 Studio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/exl2-studio.svg")));
    buildMenus();
    setCentralWidget(buildStartPanel());
    statusBar()->showMessage(tr("Ready"));
    resize(820, 560);
    refreshRecent();
}

void StudioWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New conversion…"), QKeySequence::New, this, [this] { newConversion(); });
    file->addAction(tr("&Open measurement…"), QKeySequence::Open, this, [this] { chooseAndOpen(); });
    file->addAction(tr("&Compare measurements…"), this, [this] { chooseAndCompare(); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, [this] { refreshRecent(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu* settings = menuBar()->addMenu(tr("&Settings"));
    QMenu* language = settings->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    const QString currentLanguage = AppSettings::language();
    const std::pair<QString, QString> languageItems[] = {{QString(), tr("System default")},
                                                         {QStringLiteral("en"), QStringLiteral("English")},
                                                         {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                         {QStringLiteral("zh_CN"), QStringLiteral("中文 (简体)")}};
    for (const auto& [code, name] : languageItems) {
        QAction* a = language->addAction(name, this, [this, code] { setLanguage(code); });
        a->setCheckable(true);
        a->setChecked(code == currentLanguage);
        languages->addAction(a);
    }
    QMenu* theme = settings->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const std::pair<QString, QString> themeItems[] = {
        {QString(), tr("System")}, {QStringLiteral("light"), tr("Light")}, {QStringLiteral("dark"), tr("Dark")}};
    for (const auto& [code, name] : themeItems) {
        QAction* a = theme->addAction(name, this, [this, code] { setTheme(code); });
        a->setCheckable(true);
        a->setChecked(code == AppSettings::theme());
        themes->addAction(a);
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About EXL2 Studio"), this, [this] { showAbout(); });
}

QWidget* StudioWindow::buildStartPanel()
{
    auto* panel = new QWidget(this);
    auto* title = new QLabel(tr("<h2>EXL2 Studio</h2><p>Convert Hugging Face models to EXL2, inspect how a "
                                "measurement allocates the bits, and compare measurements.</p>"),
                             panel);
    title->setWordWrap(true);
    auto* newButton = new QPushButton(tr("New conversion…"), panel);
    auto* openButton = new QPushButton(tr("Open measurement…"), panel);
    auto* compareButton = new QPushButton(tr("Compare measurements…"), panel);
    connect(newButton, &QPushButton::clicked, this, [this] { newConversion(); });
    connect(openButton, &QPushButton::clicked, this, [this] { chooseAndOpen(); });
    connect(compareButton, &QPushButton::clicked, this, [this] { chooseAndCompare(); });
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {newButton, openButton, compareButton}) {
        b->setMinimumHeight(48);
        buttons->addWidget(b);
    }
    m_recentList = new QListWidget(panel);
    m_recentList->setObjectName(QStringLiteral("recentList"));
    connect(m_recentList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { openMeasurement(item->data(Qt::UserRole).toString()); });

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addWidget(title);
    layout->addLayout(buttons);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("Recent measurements (double-click to open):"), panel));
    layout->addWidget(m_recentList, 1);
    return panel;
}

void StudioWindow::refreshRecent()
{
    const QStringList gone = m_recent.dropMissing();
    if (!gone.isEmpty())
        statusBar()->showMessage(tr("Removed from the recent list, no longer there: %1")
                                     .arg(QDir::toNativeSeparators(gone.join(QStringLiteral(", ")))),
                                 10000);
    const QStringList files = m_recent.entries();
    m_recentMenu->clear();
    m_recentList->clear();
    for (const QString& f : files) {
        const QString shown = QDir::toNativeSeparators(f);
        m_recentMenu->addAction(shown, this, [this, f] { openMeasurement(f); });
        auto* item = new QListWidgetItem(QFileInfo(f).fileName() + QStringLiteral("  —  ") + shown, m_recentList);
        item->setData(Qt::UserRole, f);
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear the list"), this, [this] {
        m_recent.clear();
        refreshRecent();
    });
}

QStringList StudioWindow::recentShown() const
{
    QStringList files;
    for (int i = 0; i < m_recentList->count(); ++i)
        files << m_recentList->item(i)->data(Qt::UserRole).toString();
    return files;
}

QWidget* StudioWindow::newConversion()
{
    QWidget* w = m_openers.wizard();
    statusBar()->showMessage(tr("Conversion wizard opened"), 5000);
    return w;
}

QWidget* StudioWindow::openMeasurement(const QString& file, const QString& modelDir)
{
    QString error;
    QWidget* w = m_openers.inspector(file, modelDir, &error);
    if (!w) {
        showError(tr("Open measurement"), tr("Could not open %1:\n%2").arg(QDir::toNativeSeparators(file), error));
        if (!QFileInfo(file).isFile())
            m_recent.remove(file);
        refreshRecent();
        return nullptr;
    }
    m_recent.add(file);
    AppSettings::addRecentFolder(QStringLiteral("measurement"), QFileInfo(file).absolutePath());
    refreshRecent();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(file)), 5000);
    return w;
}

QWidget* StudioWindow::compareMeasurements(const QStringList& files)
{
    if (files.size() < 2) {
        showError(tr("Compare measurements"), tr("Choose two or more measurement files to compare."));
        return nullptr;
    }
    QString error;
    QWidget* w = m_openers.comparison(files, &error);
    if (!w) {
        showError(tr("Compare measurements"), error);
        return nullptr;
    }
    for (const QString& f : files)
        m_recent.add(f);
    AppSettings::addRecentFolder(QStringLiteral("measurement"), QFileInfo(files.first()).absolutePath());
    refreshRecent();
    return w;
}

void StudioWindow::chooseAndOpen()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open measurement"), lastFolder(), measurementFilter());
    if (!file.isEmpty())
        openMeasurement(file);
}

void StudioWindow::chooseAndCompare()
{
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Compare measurements (choose two or more)"), lastFolder(), measurementFilter());
    if (!files.isEmpty())
        compareMeasurements(files);
}

void StudioWindow::showError(const QString& title, const QString& text)
{
    // Window-modal and non-blocking, so that scripted callers (tests, the command line) go on.
    m_lastError = text;
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void StudioWindow::setLanguage(const QString& code)
{
    AppSettings::setLanguage(code == QLatin1String("en") ? QString() : code);
    statusBar()->showMessage(tr("The language changes when EXL2 Studio is started again."), 10000);
}

void StudioWindow::setTheme(const QString& theme)
{
    AppSettings::setTheme(theme);
    applyTheme(theme);
}

void StudioWindow::showAbout()
{
    QMessageBox::about(this, tr("About EXL2 Studio"),
                       tr("<h3>EXL2 Studio %1</h3><p>Converts Hugging Face language models to exllamav2's EXL2 "
                          "format, and shows what the conversion does: the measurement, the allocation of bits "
                          "per layer, and the error it costs.</p><p>Command-line tools: exl2-convert, exl2-tool.</p>")
                           .arg(QApplication::applicationVersion()));
}

}  // namespace exl2
