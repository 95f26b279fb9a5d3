// The desktop shell, offscreen: the recent-measurements list (order, de-duplication, ten at most, files
// gone), the home window with scripted window openers (success, a failure's message box naming the
// file, the status-bar note for dropped entries), the command-line routing, and the target page taking
// its allocation from a strategy file.
#include "test_desktop.h"

#include "mainwindow.h"
#include "optimize/strategy.h"
#include "recentfiles.h"
#include "targetpage.h"
#include "test_support.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using namespace exl2;

namespace {

QString qpath(const fs::path& p) { return QString::fromStdString(p.string()); }

// `count` empty files m0.json, m1.json, ... in a fresh folder.
QStringList makeFiles(const std::string& folder, int count)
{
    const fs::path dir = exl2test::scratchDir(folder);
    QStringList files;
    for (int i = 0; i < count; ++i) {
        const QString f = qpath(dir / ("m" + std::to_string(i) + ".json"));
        QFile file(f);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot create %s", qPrintable(f));
        files << f;
    }
    return files;
}

// Openers that record what they were asked and fail for files named "bad*".
struct FakeOpeners {
    QStringList inspected, compared;
    int wizards = 0;
    std::vector<std::unique_ptr<QWidget>> windows;

    StudioOpeners openers()
    {
        StudioOpeners o;
        o.inspector = [this](const QString& file, const QString&, QString* error) -> QWidget* {
            inspected << file;
            if (QFileInfo(file).fileName().startsWith(QLatin1String("bad"))) {
                *error = file + QStringLiteral(": not a measurement (expected a \"measurement\" object)");
                return nullptr;
            }
            windows.push_back(std::make_unique<QWidget>());
            return windows.back().get();
        };
        o.comparison = [this](const QStringList& files, QString*) -> QWidget* {
            compared = files;
            windows.push_back(std::make_unique<QWidget>());
            return windows.back().get();
        };
        o.wizard = [this]() -> QWidget* {
            ++wizards;
            windows.push_back(std::make_unique<QWidget>());
            return windows.back().get();
        };
        return o;
    }
};

}  // namespace

void TestDesktop::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, qpath(exl2test::scratchDir("desktop-settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("exl2-studio-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_desktop"));
}

void TestDesktop::init() { QSettings().clear(); }

void TestDesktop::recentFilesOrderAndDedupe()
{
    const QStringList f = makeFiles("recent-order", 3);
    RecentFiles recent;
    recent.add(f[0]);
    recent.add(f[1]);
    recent.add(f[2]);
    QCOMPARE(recent.entries(), (QStringList{f[2], f[1], f[0]}));
    recent.add(f[0]);  // opened again: moves to the front, not listed twice
    QCOMPARE(recent.entries(), (QStringList{f[0], f[2], f[1]}));
    // A relative spelling of the same file is the same entry.
    const QString cwd = QDir::currentPath();
    QDir::setCurrent(QFileInfo(f[1]).absolutePath());
    recent.add(QStringLiteral("m1.json"));
    QDir::setCurrent(cwd);
    QCOMPARE(recent.entries(), (QStringList{f[1], f[0], f[2]}));
}

void TestDesktop::recentFilesKeepsTen()
{
    const QStringList f = makeFiles("recent-max", 12);
    RecentFiles recent;
    for (const QString& file : f)
        recent.add(file);
    const QStringList e = recent.entries();
    QCOMPARE(e.size(), RecentFiles::kMaxEntries);
    QCOMPARE(e.first(), f[11]);
    QCOMPARE(e.last(), f[2]);  // the two oldest fell off
    QVERIFY(!e.contains(f[0]) && !e.contains(f[1]));
}

void TestDesktop::recentFilesDropsMissing()
{
    const QStringList f = makeFiles("recent-missing", 3);
    RecentFiles recent;
    for (const QString& file : f)
        recent.add(file);
    QVERIFY(QFile::remove(f[1]));
    QCOMPARE(recent.dropMissing(), QStringList{f[1]});
    QCOMPARE(recent.entries(), (QStringList{f[2], f[0]}));
    QVERIFY(recent.dropMissing().isEmpty());
}

void TestDesktop::homeWindowOpensAndRemembers()
{
    const QStringList f = makeFiles("home-open", 2);
    FakeOpeners fake;
    StudioWindow home(fake.openers());
    QVERIFY(home.openMeasurement(f[0]) != nullptr);
    QVERIFY(home.openMeasurement(f[1]) != nullptr);
    QCOMPARE(fake.inspected, f);
    QCOMPARE(home.recentShown(), (QStringList{f[1], f[0]}));
    // Persisted: a new window lists the same files.
    StudioWindow again(fake.openers());
    QCOMPARE(again.recentShown(), (QStringList{f[1], f[0]}));
    QVERIFY(home.newConversion() != nullptr);
    QCOMPARE(fake.wizards, 1);
}

void TestDesktop::homeWindowReportsFailureNamingFile()
{
    const fs::path dir = exl2test::scratchDir("home-bad");
    const QString bad = qpath(dir / "bad.json");
    QFile(bad).open(QIODevice::WriteOnly);
    FakeOpeners fake;
    StudioWindow home(fake.openers());
    home.show();
    QCOMPARE(home.openMeasurement(bad), nullptr);
    QVERIFY2(home.lastError().contains(QDir::toNativeSeparators(bad)), qPrintable(home.lastError()));
    QVERIFY(home.lastError().contains(QLatin1String("not a measurement")));
    auto* box = home.findChild<QMessageBox*>();
    QVERIFY(box != nullptr);
    QVERIFY(box->isVisible());
    QVERIFY(box->text().contains(QDir::toNativeSeparators(bad)));
    QVERIFY(home.recentShown().isEmpty());  // a file that failed is not remembered
    box->close();
}

void TestDesktop::homeWindowDropsMissingRecentWithMessage()
{
    const QStringList f = makeFiles("home-missing", 2);
    RecentFiles recent;
    recent.add(f[0]);
    recent.add(f[1]);
    QVERIFY(QFile::remove(f[0]));
    FakeOpeners fake;
    StudioWindow home(fake.openers());
    QCOMPARE(home.recentShown(), QStringList{f[1]});
    QVERIFY2(home.statusBar()->currentMessage().contains(QDir::toNativeSeparators(f[0])),
             qPrintable(home.statusBar()->currentMessage()));
    QCOMPARE(recent.entries(), QStringList{f[1]});
}

void TestDesktop::homeWindowCompareNeedsTwo()
{
    const QStringList f = makeFiles("home-compare", 2);
    FakeOpeners fake;
    StudioWindow home(fake.openers());
    QCOMPARE(home.compareMeasurements({f[0]}), nullptr);
    QVERIFY(fake.compared.isEmpty());
    QVERIFY(!home.lastError().isEmpty());
    QVERIFY(home.compareMeasurements(f) != nullptr);
    QCOMPARE(fake.compared, f);
    QCOMPARE(home.recentShown().size(), 2);
    for (auto* box : home.findChildren<QMessageBox*>())
        box->close();
}

void TestDesktop::launchRouting_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("exit");
    using W = StudioLaunch::Window;
    using E = StudioLaunch::Exit;
    auto row = [](const char* name, QStringList args, W w, E e = E::None) {
        QTest::newRow(name) << args << int(w) << int(e);
    };
    row("nothing: home", {}, W::Home);
    row("file: inspector", {"m.json"}, W::Inspector);
    row("file with model: inspector", {"m.json", "--model", "dir"}, W::Inspector);
    row("compare", {"--compare", "a.json", "b.json", "c.json"}, W::Comparison);
    row("compare one file", {"--compare", "a.json"}, W::Home, E::UsageError);
    row("two files without compare", {"a.json", "b.json"}, W::Home, E::UsageError);
    row("compare with wizard options", {"--compare", "a.json", "b.json", "--demo"}, W::Home, E::UsageError);
    row("demo: wizard", {"--demo"}, W::Wizard);
    row("model only: wizard", {"--model", "dir"}, W::Wizard);
    row("file with page: wizard reuse", {"m.json", "--page", "measurement"}, W::Wizard);
    row("strategy: wizard", {"--strategy", "s.json"}, W::Wizard);
    row("screenshot of home", {"--screenshot", "x.png", "--theme", "dark"}, W::Home);
    row("help", {"--help"}, W::Home, E::Help);
    row("version", {"--version"}, W::Home, E::Version);
    row("unknown option", {"--frobnicate"}, W::Home, E::UsageError);
    row("bad bits", {"--bits", "four"}, W::Home, E::UsageError);
    row("bad rows", {"--rows", "-3"}, W::Home, E::UsageError);
    row("bad page", {"--page", "nowhere"}, W::Home, E::UsageError);
    row("bad theme", {"--theme", "pink"}, W::Home, E::UsageError);
}

void TestDesktop::launchRouting()
{
    QFETCH(QStringList, args);
    QFETCH(int, window);
    QFETCH(int, exit);
    args.prepend(QStringLiteral("exl2-studio"));
    const StudioLaunch l = parseStudioLaunch(args);
    QCOMPARE(int(l.exit), exit);
    if (l.exit == StudioLaunch::Exit::None)
        QCOMPARE(int(l.window), window);
    else
        QVERIFY(!l.message.isEmpty());
}

void TestDesktop::launchValues()
{
    StudioLaunch l = parseStudioLaunch({"exl2-studio", "--compare", "a.json", "b.json"});
    QCOMPARE(l.measurements, (QStringList{"a.json", "b.json"}));
    l = parseStudioLaunch({"exl2-studio", "m.json", "--model", "/models/x"});
    QCOMPARE(l.measurements, QStringList{"m.json"});
    QCOMPARE(l.modelDir, QStringLiteral("/models/x"));
    l = parseStudioLaunch({"exl2-studio", "--bits", "4.25", "--rows", "8", "--length", "256", "--strategy", "s.json"});
    QCOMPARE(*l.bits, 4.25);
    QCOMPARE(*l.rows, 8);
    QCOMPARE(*l.length, 256);
    QCOMPARE(l.strategyFile, QStringLiteral("s.json"));
    l = parseStudioLaunch({"exl2-studio", "--bits", "four"});
    QVERIFY2(l.message.contains(QLatin1String("--bits")) && l.message.contains(QLatin1String("four")), qPrintable(l.message));
    l = parseStudioLaunch({"exl2-studio", "--help"});
    QVERIFY(l.message.contains(QLatin1String("--compare")) && l.message.contains(QLatin1String("--strategy")));
    l = parseStudioLaunch({"exl2-studio", "--version"});
    QCOMPARE(l.message, QStringLiteral("exl2-studio %1\n").arg(QLatin1String(kStudioVersion)));
}

void TestDesktop::helpAndVersionNeedNoDisplay()
{
    const QString studio = qpath(exl2test::binaryDir() / "app" / "exl2-studio");
    if (!QFileInfo(studio).isExecutable())
        QSKIP("exl2-studio is not built in this build folder");
    // xcb without a display aborts in QApplication: these must exit before one exists.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    // Exit code (-1 for a crash or a hang) and everything printed.
    auto run = [&](const QStringList& args) -> std::pair<int, QString> {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(studio, args);
        const bool clean = p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit;
        return {clean ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
    };
    auto [code, out] = run({QStringLiteral("--help")});
    QCOMPARE(code, 0);
    QVERIFY2(out.contains(QLatin1String("Usage: exl2-studio")) && out.contains(QLatin1String("--compare")), qPrintable(out));
    // --lang translates the option texts (Qt's own "Usage:" stays English without qt6-translations-l10n).
    std::tie(code, out) = run({QStringLiteral("--help"), QStringLiteral("--lang"), QStringLiteral("de")});
    QCOMPARE(code, 0);
    QVERIFY2(out.contains(QStringLiteral("Die angegebenen Messdateien vergleichen")), qPrintable(out));
    std::tie(code, out) = run({QStringLiteral("--version")});
    QCOMPARE(code, 0);
    QCOMPARE(out, QStringLiteral("exl2-studio %1\n").arg(QLatin1String(kStudioVersion)));
    std::tie(code, out) = run({QStringLiteral("--page"), QStringLiteral("nowhere")});
    QCOMPARE(code, 2);
    QVERIFY2(out.contains(QLatin1String("nowhere")), qPrintable(out));
}

void TestDesktop::standardOpenersNameBadFiles()
{
    // The real inspector and comparison windows, refusing files they cannot read.
    const fs::path dir = exl2test::scratchDir("openers-bad");
    const QString missing = qpath(dir / "missing.json");
    const QString garbage = qpath(dir / "garbage.json");
    {
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"not\": \"a measurement\"}");
    }
    StudioWindow home(standardOpeners({}));
    QCOMPARE(home.openMeasurement(missing), nullptr);
    QVERIFY2(home.lastError().contains(QLatin1String("missing.json")), qPrintable(home.lastError()));
    QCOMPARE(home.openMeasurement(garbage), nullptr);
    QVERIFY2(home.lastError().contains(QLatin1String("garbage.json")), qPrintable(home.lastError()));
    QCOMPARE(home.compareMeasurements({garbage, missing}), nullptr);
    QVERIFY2(home.lastError().contains(QLatin1String("garbage.json")), qPrintable(home.lastError()));
    QVERIFY(home.recentShown().isEmpty());
    for (auto* box : home.findChildren<QMessageBox*>())
        box->close();
}

namespace {

OptionRecord record(std::vector<std::string> linears, uint64_t totalBits)
{
    OptionRecord r;
    r.accuracy = 0.99;
    r.totalBits = totalBits;
    for (const auto& name : linears) {
        MeasuredQParams qp;
        qp.groupSize = {{4, 32}};
        qp.bits = {4};
        qp.bitsProp = {1.0};
        r.linears.emplace_back(name, qp);
    }
    return r;
}

// A 1-layer Llama shape: hidden 64, 8 heads of 8 (q 64 wide), 4 kv heads (32 wide), intermediate 128.
ModelConfig tinyConfig()
{
    ModelConfig c;
    c.hiddenSize = 64;
    c.numHeads = 8;
    c.headDim = 8;
    c.numKvHeads = 4;
    c.intermediateSize = 128;
    c.numLayers = 1;
    return c;
}

}  // namespace

void TestDesktop::targetPageStrategyFixesBits()
{
    // Attention weights 64*64 + 2*64*32 + 64*64 = 12288 at 4 bits; MLP 3*64*128 = 24576 at 3 bits:
    // (49152 + 73728) / 36864 = 3.333 bits per weight.
    const fs::path dir = exl2test::scratchDir("target-strategy");
    const fs::path file = dir / "strategy.json";
    writeStrategy(file, {{"model.layers.0.self_attn", record({"q_proj", "k_proj", "v_proj", "o_proj"}, 49152)},
                         {"model.layers.0.mlp", record({"gate_proj", "up_proj", "down_proj"}, 73728)}});
    WizardState state;
    state.model = tinyConfig();
    state.settings.outDir = (dir / "out").string();
    TargetPage page(state);
    page.initializePage();
    QVERIFY(!page.bitsFromStrategy());
    page.setStrategyFile(qpath(file));
    QVERIFY2(page.strategyNotice().contains(QLatin1String("3.333")), qPrintable(page.strategyNotice()));
    QVERIFY(page.strategyNotice().contains(QLatin1String("2 modules")));
    QVERIFY(page.bitsFromStrategy());
    QVERIFY(!page.findChild<QDoubleSpinBox*>()->isEnabled());
    QVERIFY(page.isComplete());
    QVERIFY(page.validatePage());
    QCOMPARE(state.settings.strategyFile, fs::absolute(file).string());
    // Cleared: the target bits count again.
    page.setStrategyFile({});
    QVERIFY(!page.bitsFromStrategy());
    QVERIFY(page.validatePage());
    QVERIFY(state.settings.strategyFile.empty());
}

void TestDesktop::targetPageRefusesBadStrategy()
{
    const fs::path dir = exl2test::scratchDir("target-bad-strategy");
    const fs::path file = dir / "strategy.json";
    {
        QFile f(qpath(file));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[1, 2]");
    }
    WizardState state;
    state.settings.outDir = (dir / "out").string();
    TargetPage page(state);
    page.initializePage();
    page.setStrategyFile(qpath(file));
    QVERIFY2(page.strategyError().contains(qpath(file)), qPrintable(page.strategyError()));
    QVERIFY(!page.isComplete());
    page.setStrategyFile(qpath(dir / "missing.json"));
    QVERIFY2(page.strategyError().contains(QLatin1String("missing.json")), qPrintable(page.strategyError()));
    QVERIFY(!page.isComplete());
}

QTEST_MAIN(TestDesktop)
