// exl2-studio: the guided conversion wizard. Options preselect the demo model or a measurement to
// reuse; --page/--screenshot (with --scripted-job) let scripts/screenshots.sh photograph every page.
#include "conversionwizard.h"
#include "appsettings.h"
#include "language.h"
#include "measurementpage.h"
#include "modelpage.h"
#include "pipeline/job.h"
#include "runpage.h"
#include "scriptedjob.h"
#include "targetpage.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>

#include <functional>
#include <iostream>

namespace {

// Grabs the wizard into `file` and quits.
void grabAndQuit(exl2::ConversionWizard& wizard, const QString& file)
{
    QTimer::singleShot(400, &wizard, [&wizard, file] {
        const bool ok = wizard.grab().save(file);
        std::cerr << (ok ? "saved " : "could not save ") << file.toStdString() << "\n";
        wizard.runPage()->controller()->requestCancel();
        QApplication::exit(ok ? 0 : 1);
    });
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

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("exl2-studio"));
    QApplication::setApplicationName(QStringLiteral("exl2-studio"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Convert Hugging Face models to EXL2 and see what it does."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Preselect the built-in demo model."));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Preselect a model folder."), QStringLiteral("dir"));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Preselect the output folder."), QStringLiteral("dir"));
    const QCommandLineOption bits(QStringLiteral("bits"), QStringLiteral("Preselect the target bits per weight."), QStringLiteral("bpw"));
    const QCommandLineOption rows(QStringLiteral("rows"), QStringLiteral("Preselect calibration rows (both passes)."), QStringLiteral("n"));
    const QCommandLineOption length(QStringLiteral("length"), QStringLiteral("Preselect calibration row length in tokens (both passes)."),
                                    QStringLiteral("tokens"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Language: de, zh_CN or en (saved)."), QStringLiteral("code"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light or dark (saved)."), QStringLiteral("name"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("Open at a page: model, calibration, target, measurement, run, finish."),
                                  QStringLiteral("name"));
    const QCommandLineOption shot(QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window at --page, then quit."),
                                  QStringLiteral("file"));
    const QCommandLineOption scripted(QStringLiteral("scripted-job"),
                                      QStringLiteral("Run a scripted stand-in job instead of the converter (screenshots, demos)."));
    for (const auto& o : {demo, model, output, bits, rows, length, lang, theme, page, shot, scripted})
        parser.addOption(o);
    parser.addPositionalArgument(QStringLiteral("measurement.json"), QStringLiteral("A measurement to reuse."), QStringLiteral("[measurement.json]"));
    parser.process(app);

    if (parser.isSet(lang))
        exl2::AppSettings::setLanguage(parser.value(lang) == QLatin1String("en") ? QString() : parser.value(lang));
    if (parser.isSet(theme))
        exl2::AppSettings::setTheme(parser.value(theme));
    exl2::installTranslation(exl2::AppSettings::language());
    exl2::applyTheme(exl2::AppSettings::theme());

    exl2::JobRunner runner = exl2::runJob;
    if (parser.isSet(scripted))
        runner = exl2::ScriptedJob({.layers = 8, .moduleDelayMs = 120, .failAtModule = -1});
    exl2::ConversionWizard wizard(runner);
    if (!parser.positionalArguments().isEmpty())
        wizard.openMeasurement(parser.positionalArguments().first());
    if (parser.isSet(bits))
        wizard.state().settings.bits = parser.value(bits).toDouble();
    if (parser.isSet(rows))
        wizard.state().settings.datasetRows = wizard.state().settings.measurementRows = parser.value(rows).toInt();
    if (parser.isSet(length))
        wizard.state().settings.length = wizard.state().settings.measurementLength = parser.value(length).toInt();
    if (parser.isSet(output))
        wizard.state().settings.outDir = QDir(parser.value(output)).absolutePath().toStdString();
    wizard.show();
    if (parser.isSet(demo))
        wizard.modelPage()->useDemoModel();
    else if (parser.isSet(model))
        wizard.modelPage()->setModelFolder(QDir(parser.value(model)).absolutePath());

    if (parser.isSet(page)) {
        static const QStringList names{QStringLiteral("model"), QStringLiteral("calibration"), QStringLiteral("target"),
                                       QStringLiteral("measurement"), QStringLiteral("run"), QStringLiteral("finish")};
        const int target = int(names.indexOf(parser.value(page)));
        if (target < 0) {
            std::cerr << "exl2-studio: unknown --page " << parser.value(page).toStdString() << "\n";
            return 2;
        }
        const QString file = parser.value(shot);
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
    return app.exec();
}
