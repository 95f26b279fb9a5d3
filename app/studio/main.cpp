// exl2-studio: the home window, or straight into the conversion wizard, the inspector (FILE.json) or the
// comparison (--compare A.json B.json ...). --screenshot grabs the window opened and quits; with --page
// (and --scripted-job) it photographs any wizard page (scripts/screenshots.sh).
#include "conversionwizard.h"
#include "appsettings.h"
#include "language.h"
#include "mainwindow.h"
#include "measurementpage.h"
#include "modelpage.h"
#include "pipeline/job.h"
#include "runpage.h"
#include "scriptedjob.h"
#include "targetpage.h"
#include "theme.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <functional>
#include <iostream>

namespace {

// Grabs `window` into `file` after `delayMs` (painted, background work settled), and quits.
void grabAndQuit(QWidget* window, const QString& file, std::function<void()> before = {}, int delayMs = 400)
{
    QTimer::singleShot(delayMs, window, [window, file, before] {
        const bool ok = window->grab().save(file);
        std::cerr << (ok ? "saved " : "could not save ") << file.toStdString() << "\n";
        if (before)
            before();
        QApplication::exit(ok ? 0 : 1);
    });
}

void grabAndQuit(exl2::ConversionWizard& wizard, const QString& file)
{
    grabAndQuit(&wizard, file, [&wizard] { wizard.runPage()->controller()->requestCancel(); });
}

// Walks the wizard forward to `target`, each page accepting what the options preselected.
void advanceTo(exl2::ConversionWizard& wizard, int target, const std::function<void()>& whenThere)
{
    while (wizard.currentId() < target && wizard.currentId() != exl2::RunPageId) {
        const int before = wizard.currentId();
        wizard.next();
        if (wizard.currentId() == before) {
            std::cerr << "exl2-studio: page " << before << " did not accept its input; staying there\n";
            whenThere();
            return;
        }
    }
    if (wizard.currentId() == exl2::RunPageId && target == exl2::FinishPageId) {
        QObject::connect(wizard.runPage(), &exl2::RunPage::jobFinished, &wizard, [&wizard, whenThere](bool ok) {
            if (ok)
                wizard.next();
            whenThere();
        });
        return;
    }
    whenThere();
}

int runWizard(const exl2::StudioLaunch& l)
{
    exl2::JobRunner runner = exl2::runJob;
    if (l.scriptedJob)
        runner = exl2::ScriptedJob({.layers = 8, .moduleDelayMs = 120, .failAtModule = -1});
    exl2::ConversionWizard wizard(runner);
    exl2::JobSettings& settings = wizard.state().settings;
    if (!l.measurements.isEmpty())
        wizard.openMeasurement(QFileInfo(l.measurements.first()).absoluteFilePath());
    if (l.bits)
        settings.bits = *l.bits;
    if (l.rows)
        settings.datasetRows = settings.measurementRows = *l.rows;
    if (l.length)
        settings.length = settings.measurementLength = *l.length;
    if (!l.outputDir.isEmpty())
        settings.outDir = QDir(l.outputDir).absolutePath().toStdString();
    settings.strategyFile = l.strategyFile.isEmpty() ? std::string() : QFileInfo(l.strategyFile).absoluteFilePath().toStdString();
    wizard.show();
    if (l.demo)
        wizard.modelPage()->useDemoModel();
    else if (!l.modelDir.isEmpty())
        wizard.modelPage()->setModelFolder(QDir(l.modelDir).absolutePath());

    if (!l.page.isEmpty() || !l.screenshot.isEmpty()) {
        static const QStringList names{QStringLiteral("model"), QStringLiteral("calibration"), QStringLiteral("target"),
                                       QStringLiteral("measurement"), QStringLiteral("run"), QStringLiteral("finish")};
        const int target = std::max(0, int(names.indexOf(l.page)));
        const QString file = l.screenshot;
        QTimer::singleShot(0, &wizard, [&wizard, target, file] {
            advanceTo(wizard, target, [&wizard, target, file] {
                if (file.isEmpty())
                    return;
                if (target != exl2::RunPageId) {
                    grabAndQuit(wizard, file);
                    return;
                }
                // Mid-job: wait until half of the modules are quantized.
                auto* run = wizard.runPage();
                QObject::connect(run->controller(), &exl2::JobController::moduleQuantized, &wizard,
                                 [&wizard, file](const exl2::ModuleQuantized& m) {
                                     if (m.moduleIndex == m.moduleCount / 2)
                                         grabAndQuit(wizard, file);
                                 });
            });
        });
    }
    return QApplication::exec();
}

// Where QSettings keeps the language, theme and recent files.
void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("exl2-studio"));
    QCoreApplication::setApplicationName(QStringLiteral("exl2-studio"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(exl2::kStudioVersion));
}

}  // namespace

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    // Before any QApplication: --help, --version and usage errors need no display.
    const exl2::StudioLaunch launch = exl2::parseStudioLaunch(arguments);
    switch (launch.exit) {
    case exl2::StudioLaunch::Exit::Help: {
        // In the user's language (--lang, else the saved one, else the locale): a QCoreApplication needs
        // no display, unlike the QApplication below. Parsed again because the option texts are translated
        // when the parser is built.
        QCoreApplication core(argc, argv);
        setApplicationNames();
        exl2::installTranslation(launch.language.isEmpty() ? exl2::AppSettings::language() : launch.language);
        std::cout << exl2::parseStudioLaunch(arguments).message.toStdString();
        return 0;
    }
    case exl2::StudioLaunch::Exit::Version:
        std::cout << launch.message.toStdString();
        return 0;
    case exl2::StudioLaunch::Exit::UsageError:
        std::cerr << launch.message.toStdString() << "\n";
        return 2;
    case exl2::StudioLaunch::Exit::None:
        break;
    }

    QApplication app(argc, argv);
    setApplicationNames();
    if (!launch.language.isEmpty())
        exl2::AppSettings::setLanguage(launch.language);
    if (!launch.theme.isEmpty())
        exl2::AppSettings::setTheme(launch.theme);
    exl2::installTranslation(exl2::AppSettings::language());
    exl2::applyTheme(exl2::AppSettings::theme());

    if (launch.window == exl2::StudioLaunch::Window::Wizard)
        return runWizard(launch);

    exl2::StudioWindow home(exl2::standardOpeners(exl2::runJob));
    QWidget* opened = &home;
    if (launch.window == exl2::StudioLaunch::Window::Inspector)
        opened = home.openMeasurement(launch.measurements.first(), launch.modelDir);
    else if (launch.window == exl2::StudioLaunch::Window::Comparison)
        opened = home.compareMeasurements(launch.measurements);
    if (!opened) {
        // The home window shows the message box that names the file.
        std::cerr << "exl2-studio: " << home.lastError().toStdString() << "\n";
        if (!launch.screenshot.isEmpty())
            return 1;
        opened = &home;
    }
    if (!launch.screenshot.isEmpty()) {
        // The inspector refines its first answer in the background; give it time to land.
        if (opened != &home)
            opened->resize(1200, 800);
        grabAndQuit(opened, launch.screenshot, {}, opened == &home ? 400 : 2000);
    }
    if (opened == &home)
        home.show();
    return QApplication::exec();
}
