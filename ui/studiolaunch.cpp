#include "studiolaunch.h"

#include "mainwindow.h"  // StudioWindow::tr: the option texts keep their translation context

#include <QCommandLineParser>

#include <utility>

namespace exl2 {

StudioLaunch parseStudioLaunch(const QStringList& arguments)
{
    using O = QCommandLineOption;
    QCommandLineParser p;
    p.setApplicationDescription(StudioWindow::tr("Convert Hugging Face models to EXL2, inspect and compare measurements."));
    const O help = p.addHelpOption();
    const O version = p.addVersionOption();
    const O compare(QStringLiteral("compare"), StudioWindow::tr("Compare the measurement files given (two or more)."));
    const O model(QStringLiteral("model"), StudioWindow::tr("Model folder: preselected in the wizard, or the sizes for the inspector."),
                  QStringLiteral("dir"));
    const O demo(QStringLiteral("demo"), StudioWindow::tr("Wizard: preselect the built-in demo model."));
    const O output(QStringLiteral("output"), StudioWindow::tr("Wizard: preselect the output folder."), QStringLiteral("dir"));
    const O bits(QStringLiteral("bits"), StudioWindow::tr("Wizard: preselect the target bits per weight."), QStringLiteral("bpw"));
    const O rows(QStringLiteral("rows"), StudioWindow::tr("Wizard: calibration rows (both passes)."), QStringLiteral("n"));
    const O length(QStringLiteral("length"), StudioWindow::tr("Wizard: calibration row length in tokens (both passes)."),
                   QStringLiteral("tokens"));
    const O strategy(QStringLiteral("strategy"), StudioWindow::tr("Wizard: convert with this allocation (exported by the inspector)."),
                     QStringLiteral("file"));
    const O lang(QStringLiteral("lang"), StudioWindow::tr("Language: de, zh_CN or en (saved)."), QStringLiteral("code"));
    const O theme(QStringLiteral("theme"), StudioWindow::tr("light or dark (saved)."), QStringLiteral("name"));
    const O page(QStringLiteral("page"), StudioWindow::tr("Wizard: open at a page: model, calibration, target, measurement, run, finish."),
                 QStringLiteral("name"));
    const O shot(QStringLiteral("screenshot"), StudioWindow::tr("Save a PNG of the window opened, then quit."), QStringLiteral("file"));
    const O scripted(QStringLiteral("scripted-job"), StudioWindow::tr("Wizard: run a scripted stand-in job (screenshots, demos)."));
    for (const O& o : {compare, model, demo, output, bits, rows, length, strategy, lang, theme, page, shot, scripted})
        p.addOption(o);
    p.addPositionalArgument(QStringLiteral("measurement.json"),
                            StudioWindow::tr("Open in the inspector (with --compare: the files to compare; with wizard options: reuse it)."),
                            QStringLiteral("[measurement.json...]"));

    StudioLaunch l;
    auto usage = [&l](const QString& text) {
        l.exit = StudioLaunch::Exit::UsageError;
        l.message = QStringLiteral("exl2-studio: ") + text;
        return l;
    };
    if (!p.parse(arguments))
        return usage(p.errorText());
    l.language = p.value(lang);  // also for --help, which main() prints in that language
    if (p.isSet(help) || p.isSet(QStringLiteral("help-all"))) {
        l.exit = StudioLaunch::Exit::Help;
        // The usage line names the program as started (or "<executable_name>" without an application object).
        l.message = p.helpText();
        const qsizetype eol = l.message.indexOf(QLatin1Char('\n'));
        QString usage = l.message.left(eol).replace(QStringLiteral("<executable_name>"), QStringLiteral("exl2-studio"));
        if (!arguments.isEmpty() && !arguments.first().isEmpty())
            usage.replace(arguments.first(), QStringLiteral("exl2-studio"));
        l.message.replace(0, eol, usage);
        return l;
    }
    if (p.isSet(version)) {
        l.exit = StudioLaunch::Exit::Version;
        l.message = QStringLiteral("exl2-studio %1\n").arg(QLatin1String(kStudioVersion));
        return l;
    }
    l.measurements = p.positionalArguments();
    l.modelDir = p.value(model);
    l.outputDir = p.value(output);
    l.page = p.value(page);
    l.screenshot = p.value(shot);
    l.strategyFile = p.value(strategy);
    l.theme = p.value(theme);
    l.demo = p.isSet(demo);
    l.scriptedJob = p.isSet(scripted);
    bool ok = true;
    if (p.isSet(bits) && !(l.bits = p.value(bits).toDouble(&ok), ok && *l.bits > 0))
        return usage(StudioWindow::tr("--bits expects a positive number of bits per weight, not '%1'").arg(p.value(bits)));
    for (const auto& [option, target] : {std::pair{&rows, &l.rows}, std::pair{&length, &l.length}})
        if (p.isSet(*option) && !(*target = p.value(*option).toInt(&ok), ok && **target > 0))
            return usage(StudioWindow::tr("--%1 expects a positive whole number, not '%2'")
                             .arg(option->names().first(), p.value(*option)));
    static const QStringList pages{QStringLiteral("model"), QStringLiteral("calibration"), QStringLiteral("target"),
                                   QStringLiteral("measurement"), QStringLiteral("run"), QStringLiteral("finish")};
    if (!l.page.isEmpty() && !pages.contains(l.page))
        return usage(StudioWindow::tr("unknown --page '%1' (expected one of: %2)").arg(l.page, pages.join(QStringLiteral(", "))));
    if (!l.theme.isEmpty() && l.theme != QLatin1String("light") && l.theme != QLatin1String("dark"))
        return usage(StudioWindow::tr("--theme expects light or dark, not '%1'").arg(l.theme));

    const bool wizardOptions = l.demo || l.scriptedJob || !l.page.isEmpty() || !l.outputDir.isEmpty() || l.bits ||
                               l.rows || l.length || !l.strategyFile.isEmpty();
    if (p.isSet(compare)) {
        if (wizardOptions)
            return usage(StudioWindow::tr("--compare takes only measurement files (and --lang, --theme, --screenshot)"));
        if (l.measurements.size() < 2)
            return usage(StudioWindow::tr("--compare needs two or more measurement files, got %1").arg(l.measurements.size()));
        l.window = StudioLaunch::Window::Comparison;
    } else if (wizardOptions || (!l.modelDir.isEmpty() && l.measurements.isEmpty())) {
        if (l.measurements.size() > 1)
            return usage(StudioWindow::tr("the wizard reuses one measurement file, got %1").arg(l.measurements.size()));
        l.window = StudioLaunch::Window::Wizard;
    } else if (l.measurements.size() == 1) {
        l.window = StudioLaunch::Window::Inspector;
    } else if (l.measurements.size() > 1) {
        return usage(StudioWindow::tr("give --compare to compare %1 measurement files").arg(l.measurements.size()));
    }
    return l;
}

}  // namespace exl2
