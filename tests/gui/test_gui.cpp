// The conversion wizard, offscreen: input validation and inline warnings per page, the worker's
// signals reaching the charts (one point per finished module), cancel/resume, failures, clean shutdown
// mid-job, chart export, and full runs with the real pipeline on small models.
#include "allocationchart.h"
#include "calibrationpage.h"
#include "conversionwizard.h"
#include "errorchart.h"
#include "finishpage.h"
#include "language.h"
#include "jobcontroller.h"
#include "measurementpage.h"
#include "modelpage.h"
#include "perplexitychart.h"
#include "pipeline/job.h"
#include "runpage.h"
#include "scriptedjob.h"
#include "targetpage.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <QAbstractButton>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTranslator>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <memory>

namespace fs = std::filesystem;
using namespace exl2;

namespace {

QString qpath(const fs::path& p) { return QString::fromStdString(p.string()); }

// A tiny model folder the pages accept: the shared stories260k, or the generated demo model.
QString smallModel()
{
    if (exl2test::haveShared())
        return qpath(exl2test::sharedDir() / "models" / "stories260k");
    return {};
}

// A stories260k copy whose config.json declares RoPE scaling.
fs::path scaledModel()
{
    const fs::path dir = exl2test::scratchDir("scaled-model");
    const fs::path src = exl2test::sharedDir() / "models" / "stories260k";
    for (const auto& e : fs::directory_iterator(src))
        if (e.path().filename() != "config.json")
            fs::create_symlink(e.path(), dir / e.path().filename());
    auto config = nlohmann::json::parse(readFile(src / "config.json"));
    config["rope_scaling"] = {{"type", "linear"}, {"factor", 2.0}};
    writeFileAtomically(dir / "config.json", config.dump(2));
    return dir;
}

bool waitForJob(RunPage* run, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (run->isRunning() && t.elapsed() < timeoutMs)
        QTest::qWait(20);
    QCoreApplication::processEvents();
    return !run->isRunning();
}

// Fills pages 1-4 and presses Convert; returns false if a page refused.
bool driveToRun(ConversionWizard& w, const QString& model, const fs::path& out, int rows, int length)
{
    w.show();
    if (!w.modelPage()->setModelFolder(model))
        return false;
    w.next();
    if (w.currentId() != CalibrationPageId)
        return false;
    w.calibrationPage()->setDataset(QString());
    w.calibrationPage()->setLengths(rows, length, rows, length);
    w.next();
    if (w.currentId() != TargetPageId)
        return false;
    w.targetPage()->setBits(4.0);
    w.targetPage()->setOutputFolder(qpath(out));
    w.next();
    if (w.currentId() != MeasurementPageId)
        return false;
    w.next();
    return w.currentId() == RunPageId;
}

}  // namespace

class TestGui : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void bitsWarning_data();
    void bitsWarning();
    void ropeMessages_data();
    void ropeMessages();
    void longRowWarning_data();
    void longRowWarning();
    void modelPageRefusesBrokenFolder_data();
    void modelPageRefusesBrokenFolder();
    void outputFolderStates();
    void measurementPageValidates();
    void openMeasurementPreselectsReuse();
    void calibrationPreview_data();
    void calibrationPreview();
    void translationsLoad_data();
    void translationsLoad();

    void workerCatchesEverything_data();
    void workerCatchesEverything();
    void scriptedRunFeedsChartsAndFinishes();
    void cancelLeavesResumableJob();
    void failureIsReported();
    void closingMidJobShutsDown();
    void restartKeepsSettings();

    void realJobOnDemoModel();
    void realJobOnStories260k();
    void realJobCancelAndResume();
};

void TestGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const fs::path settings = exl2test::scratchDir("gui-settings");
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, qpath(settings));
    QCoreApplication::setOrganizationName(QStringLiteral("exl2-studio-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui"));
}

void TestGui::init() { QSettings().clear(); }

void TestGui::bitsWarning_data()
{
    QTest::addColumn<double>("bits");
    QTest::addColumn<bool>("warns");
    QTest::newRow("1.5 below range") << 1.5 << true;
    QTest::newRow("9 above range") << 9.0 << true;
    QTest::newRow("4.0 fine") << 4.0 << false;
    QTest::newRow("2.0 lowest fine") << 2.0 << false;
    QTest::newRow("8.0 highest fine") << 8.0 << false;
    QTest::newRow("1.99 just below") << 1.99 << true;
}

void TestGui::bitsWarning()
{
    QFETCH(double, bits);
    QFETCH(bool, warns);
    WizardState state;
    TargetPage page(state);
    page.initializePage();
    page.setBits(bits);
    QCOMPARE(!page.bitsWarning().isEmpty(), warns);
}

void TestGui::ropeMessages_data()
{
    QTest::addColumn<bool>("configScales");
    QTest::addColumn<bool>("userScale");
    QTest::addColumn<bool>("userAlpha");
    QTest::addColumn<bool>("warns");
    QTest::addColumn<bool>("notice");
    QTest::newRow("scaled config + RoPE scale") << true << true << false << true << false;
    QTest::newRow("scaled config + NTK alpha") << true << false << true << true << false;
    QTest::newRow("scaled config, nothing set") << true << false << false << false << true;
    QTest::newRow("plain config + RoPE scale") << false << true << false << false << false;
    QTest::newRow("plain config, nothing set") << false << false << false << false << false;
}

void TestGui::ropeMessages()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(bool, configScales);
    QFETCH(bool, userScale);
    QFETCH(bool, userAlpha);
    QFETCH(bool, warns);
    QFETCH(bool, notice);
    WizardState state;
    state.model = loadModelConfig(configScales ? scaledModel() : exl2test::sharedDir() / "models" / "stories260k");
    TargetPage page(state);
    page.initializePage();
    page.setRopeScale(userScale ? std::optional<double>(2.0) : std::nullopt);
    page.setRopeAlpha(userAlpha ? std::optional<double>(2.5) : std::nullopt);
    QCOMPARE(!page.ropeWarning().isEmpty(), warns);
    QCOMPARE(!page.ropeNotice().isEmpty(), notice);
}

void TestGui::longRowWarning_data()
{
    QTest::addColumn<int>("measurementLength");
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("warns");
    QTest::newRow("2048 both") << 2048 << 2048 << false;
    QTest::newRow("quant 4096") << 2048 << 4096 << true;
    QTest::newRow("measurement 2049") << 2049 << 256 << true;
    QTest::newRow("short") << 256 << 256 << false;
}

void TestGui::longRowWarning()
{
    QFETCH(int, measurementLength);
    QFETCH(int, length);
    QFETCH(bool, warns);
    WizardState state;
    CalibrationPage page(state);
    page.initializePage();
    page.setLengths(4, measurementLength, 4, length);
    QCOMPARE(!page.warningText().isEmpty(), warns);
    QVERIFY(page.isComplete());  // the built-in set is always usable
    QVERIFY(!page.previewText().isEmpty());
}

void TestGui::modelPageRefusesBrokenFolder_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("empty folder") << "empty" << false;
    QTest::newRow("config without weights") << "noweights" << false;
    QTest::newRow("malformed config") << "badjson" << false;
    QTest::newRow("stories260k") << "good" << true;
}

void TestGui::modelPageRefusesBrokenFolder()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(QString, kind);
    QFETCH(bool, accepted);
    const fs::path src = exl2test::sharedDir() / "models" / "stories260k";
    fs::path dir = exl2test::scratchDir("model-" + kind.toStdString());
    if (kind == "noweights")
        fs::copy_file(src / "config.json", dir / "config.json");
    else if (kind == "badjson")
        writeFileAtomically(dir / "config.json", "{\"architectures\": [\"LlamaForCausalLM\"], \"hidden_size\": ");
    else if (kind == "good")
        dir = src;
    WizardState state;
    ModelPage page(state);
    QCOMPARE(page.setModelFolder(qpath(dir)), accepted);
    QCOMPARE(page.isComplete(), accepted);
    QCOMPARE(page.errorText().isEmpty(), accepted);
    if (!accepted)
        QVERIFY2(page.errorText().contains(qpath(dir)) || page.errorText().contains(QLatin1String("config.json")),
                 qPrintable(page.errorText()));
}

void TestGui::outputFolderStates()
{
    WizardState state;
    TargetPage page(state);
    page.initializePage();
    const fs::path empty = exl2test::scratchDir("out-empty");
    page.setOutputFolder(qpath(empty));
    QVERIFY(page.folderWarning().isEmpty());
    QVERIFY(!page.resumeOffered());
    QVERIFY(page.isComplete());

    const fs::path full = exl2test::scratchDir("out-full");
    std::ofstream(full / "notes.txt") << "x";
    page.setOutputFolder(qpath(full));
    QVERIFY(!page.folderWarning().isEmpty());
    QVERIFY(!page.resumeOffered());

    std::ofstream(full / "job.json") << "{}";
    page.setOutputFolder(qpath(full));
    QVERIFY(page.resumeOffered());
    QVERIFY(page.validatePage());
    QVERIFY(!state.settings.noResume);  // resume is the default offer
    page.setResume(false);
    QVERIFY(page.validatePage());
    QVERIFY(state.settings.noResume);

    page.setOutputFolder(QString());
    QVERIFY(!page.isComplete());
}

void TestGui::measurementPageValidates()
{
    WizardState state;
    state.settings.outDir = exl2test::scratchDir("measure-page").string();
    MeasurementPage page(state);
    page.initializePage();
    QVERIFY(page.isComplete());
    page.setReusePath(QStringLiteral("/nonexistent/measurement.json"));
    QVERIFY(!page.isComplete());
    const fs::path m = fs::path(state.settings.outDir) / "measurement.json";
    std::ofstream(m) << "{}";
    page.setReusePath(qpath(m));
    QVERIFY(page.isComplete());
    QVERIFY(page.validatePage());
    QCOMPARE(state.settings.reuseMeasurement, m.string());
    page.setMeasureOnlyPath(QString());
    QVERIFY(!page.isComplete());
    page.setMeasureOnlyPath(qpath(m));
    QVERIFY(page.validatePage());
    QVERIFY(state.settings.reuseMeasurement.empty());
    QCOMPARE(state.settings.outputMeasurement, m.string());
}

void TestGui::openMeasurementPreselectsReuse()
{
    const fs::path dir = exl2test::scratchDir("open-measurement");
    std::ofstream(dir / "measurement.json") << "{}";
    ConversionWizard w(ScriptedJob{});
    w.openMeasurement(qpath(dir / "measurement.json"));
    w.state().settings.outDir = dir.string();
    w.measurementPage()->initializePage();
    QVERIFY(w.measurementPage()->isComplete());
    QVERIFY(w.measurementPage()->validatePage());
    QVERIFY(w.state().measurementMode == MeasurementMode::Reuse);
    QCOMPARE(w.state().settings.reuseMeasurement, (dir / "measurement.json").string());
}

void TestGui::calibrationPreview_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ok");
    QTest::newRow("built-in") << QString() << true;
    QTest::newRow("parquet") << "data/tinystories_val_sample.parquet" << true;
    QTest::newRow("txt") << "data/tinystories_val_sample.txt" << true;
    QTest::newRow("unsupported extension") << "models/stories260k/tokenizer.model" << false;
    QTest::newRow("missing file") << "data/nonexistent.jsonl" << false;
}

void TestGui::calibrationPreview()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(QString, file);
    QFETCH(bool, ok);
    WizardState state;
    state.settings.inDir = (exl2test::sharedDir() / "models" / "stories260k").string();
    CalibrationPage page(state);
    page.initializePage();
    const QString path = file.isEmpty() ? QString() : qpath(exl2test::sharedDir() / file.toStdString());
    QCOMPARE(page.setDataset(path), ok);
    QCOMPARE(page.isComplete(), ok);
    QCOMPARE(page.errorText().isEmpty(), ok);
    if (ok) {
        QVERIFY(!page.previewText().isEmpty());
        QVERIFY(page.previewTokens() > 0);  // counted with stories260k's tokenizer
    }
}

void TestGui::translationsLoad_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::newRow("de") << "de" << "Ziel";
    QTest::newRow("zh_CN") << "zh_CN" << "目标";
}

void TestGui::translationsLoad()
{
    QFETCH(QString, language);
    QFETCH(QString, expected);
    QVERIFY(installTranslation(language).startsWith(language));  // "de" loads as "de_DE"
    QCOMPARE(QCoreApplication::translate("exl2::TargetPage", "Target"), expected);
    for (QTranslator* t : QCoreApplication::instance()->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    QCOMPARE(QCoreApplication::translate("exl2::TargetPage", "Target"), QStringLiteral("Target"));
}

void TestGui::workerCatchesEverything_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("cancelled");
    QTest::newRow("exl2::Error Io") << 0 << "model.safetensors: truncated" << false;
    QTest::newRow("exl2::Error Cancelled") << 1 << "resumed" << true;
    QTest::newRow("std::runtime_error") << 2 << "boom" << false;
    QTest::newRow("bad_alloc") << 3 << "memory" << false;
    QTest::newRow("non-std exception") << 4 << "unknown" << false;
}

void TestGui::workerCatchesEverything()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    QFETCH(bool, cancelled);
    JobController controller([kind](const JobSettings&, JobHooks&) -> JobResult {
        switch (kind) {
        case 0: throw Error(ErrorCode::Io, "model.safetensors: truncated");
        case 1: throw Error(ErrorCode::Cancelled, "stop");
        case 2: throw std::runtime_error("boom");
        case 3: throw std::bad_alloc();
        default: throw 42;
        }
    });
    QSignalSpy failed(&controller, &JobController::failed);
    QSignalSpy finished(&controller, &JobController::finished);
    QVERIFY(controller.start(JobSettings{}));
    QVERIFY(finished.wait(5000));
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(expected), qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(failed.at(0).at(1).toBool(), cancelled);
    QVERIFY(!controller.isRunning());
}

void TestGui::scriptedRunFeedsChartsAndFinishes()
{
    EXL2_REQUIRE_SHARED();
    const ScriptedJobOptions opt{.layers = 5, .moduleDelayMs = 0, .failAtModule = -1};
    ConversionWizard w(ScriptedJob{opt});
    const fs::path out = exl2test::scratchDir("scripted-run");
    QVERIFY(driveToRun(w, smallModel(), out, 4, 64));
    RunPage* run = w.runPage();
    QVERIFY(!run->isComplete());
    QVERIFY(waitForJob(run, 10000));
    QVERIFY2(run->isComplete(), qPrintable(run->statusText()));
    const int modules = ScriptedJob::moduleCount(opt);
    QCOMPARE(run->errorChart()->measuredModules(), modules);
    QCOMPARE(run->errorChart()->quantizedModules(), modules);
    QCOMPARE(run->allocationChart()->quantizedModules(), modules);
    QCOMPARE(run->allocationChart()->targetBpw(), 4.0);
    QCOMPARE(run->perplexityChart()->pointCount(), 1);
    QVERIFY(run->logText().contains(QLatin1String("Finished")));

    w.next();
    QCOMPARE(w.currentId(), int(FinishPageId));
    QVERIFY(w.finishPage()->summaryText().contains(QLatin1String("4.000")));
    for (const QString& fmt : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
        const QStringList files = w.finishPage()->saveCharts(qpath(out / "charts"), fmt);
        QCOMPARE(files.size(), 3);
        for (const QString& f : files)
            QVERIFY2(QFileInfo(f).size() > 500, qPrintable(f));
    }
    QVERIFY(w.finishPage()->saveCsv(qpath(out / "charts.csv")));
    const std::string csv = readFile(out / "charts.csv");
    QVERIFY(csv.find("quantized,0,model.layers.0.self_attn") != std::string::npos);
    QVERIFY(csv.find("layer,attention_bpw,mlp_bpw,target_bpw") != std::string::npos);
}

void TestGui::cancelLeavesResumableJob()
{
    EXL2_REQUIRE_SHARED();
    const ScriptedJobOptions opt{.layers = 6, .moduleDelayMs = 40, .failAtModule = -1};
    ConversionWizard w(ScriptedJob{opt});
    const fs::path out = exl2test::scratchDir("scripted-cancel");
    QVERIFY(driveToRun(w, smallModel(), out, 4, 64));
    RunPage* run = w.runPage();
    QSignalSpy quantized(run->controller(), &JobController::moduleQuantized);
    QTRY_VERIFY_WITH_TIMEOUT(quantized.count() >= 2, 10000);
    run->cancel();
    QVERIFY(waitForJob(run, 10000));
    QVERIFY(run->isStopped());
    QVERIFY(!run->isComplete());
    QVERIFY(!run->hasFailed());
    QVERIFY(fs::exists(out / "job.json"));
    const int before = run->errorChart()->quantizedModules();
    QVERIFY(before < ScriptedJob::moduleCount(opt));

    // The target page now offers to resume this folder.
    TargetPage probe(w.state());
    probe.setOutputFolder(qpath(out));
    QVERIFY(probe.resumeOffered());

    run->resume();
    QVERIFY(waitForJob(run, 10000));
    QVERIFY2(run->isComplete(), qPrintable(run->statusText()));
    // Resumed from the checkpoint: every module charted exactly once over both runs.
    QCOMPARE(run->errorChart()->measuredModules(), ScriptedJob::moduleCount(opt));
    QCOMPARE(run->errorChart()->quantizedModules(), ScriptedJob::moduleCount(opt));
}

void TestGui::failureIsReported()
{
    EXL2_REQUIRE_SHARED();
    ConversionWizard w(ScriptedJob{{.layers = 3, .moduleDelayMs = 0, .failAtModule = 2}});
    QVERIFY(driveToRun(w, smallModel(), exl2test::scratchDir("scripted-fail"), 4, 64));
    RunPage* run = w.runPage();
    QVERIFY(waitForJob(run, 10000));
    QVERIFY(run->hasFailed());
    QVERIFY(!run->isComplete());
    QVERIFY2(run->failure().contains(QLatin1String("positive definite")), qPrintable(run->failure()));
    QVERIFY(run->statusText().contains(QLatin1String("positive definite")));
}

void TestGui::closingMidJobShutsDown()
{
    EXL2_REQUIRE_SHARED();
    auto w = std::make_unique<ConversionWizard>(ScriptedJob{{.layers = 50, .moduleDelayMs = 100, .failAtModule = -1}});
    const fs::path out = exl2test::scratchDir("scripted-close");
    QVERIFY(driveToRun(*w, smallModel(), out, 4, 64));
    QSignalSpy measured(w->runPage()->controller(), &JobController::moduleMeasured);
    QVERIFY(measured.wait(5000));
    QVERIFY(w->runPage()->isRunning());
    QElapsedTimer t;
    t.start();
    w->close();
    w.reset();  // the controller's destructor cancels, quits and joins
    QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(fs::exists(out / "job.json"));
}

void TestGui::restartKeepsSettings()
{
    EXL2_REQUIRE_SHARED();
    ConversionWizard w(ScriptedJob{{.layers = 2, .moduleDelayMs = 0, .failAtModule = -1}});
    const fs::path out = exl2test::scratchDir("scripted-restart");
    QVERIFY(driveToRun(w, smallModel(), out, 4, 64));
    QVERIFY(waitForJob(w.runPage(), 10000));
    w.next();
    w.restart();
    QCOMPARE(w.currentId(), int(ModelPageId));
    QVERIFY(w.modelPage()->isComplete());
    w.next();
    w.next();
    QCOMPARE(w.currentId(), int(TargetPageId));
    QVERIFY(w.targetPage()->validatePage());
    QCOMPARE(w.state().settings.bits, 4.0);
    QCOMPARE(w.state().settings.outDir, out.string());
    QVERIFY(w.targetPage()->resumeOffered());  // the finished scripted job left its job.json
}

void TestGui::realJobOnDemoModel()
{
    ConversionWizard w(runJob);
    w.show();
    if (!w.modelPage()->useDemoModel())
        QFAIL(qPrintable(w.modelPage()->errorText()));
    const QString demo = ModelPage::demoModelFolder();
    const fs::path out = exl2test::scratchDir("real-demo");
    QVERIFY(driveToRun(w, demo, out, 4, 64));
    QVERIFY(waitForJob(w.runPage(), 240000));
    QVERIFY2(w.runPage()->isComplete(), qPrintable(w.runPage()->statusText()));
    QVERIFY(w.runPage()->errorChart()->quantizedModules() > 0);
    QCOMPARE(w.runPage()->errorChart()->quantizedModules(), w.runPage()->errorChart()->measuredModules());
    w.next();
    QCOMPARE(w.currentId(), int(FinishPageId));
    QVERIFY(w.state().result && w.state().result->bytesOnDisk > 0);
}

void TestGui::realJobOnStories260k()
{
    EXL2_REQUIRE_SHARED();
    ConversionWizard w(runJob);
    const fs::path out = exl2test::scratchDir("real-stories");
    QVERIFY(driveToRun(w, smallModel(), out, 4, 64));
    QVERIFY(waitForJob(w.runPage(), 240000));
    QVERIFY2(w.runPage()->isComplete(), qPrintable(w.runPage()->statusText()));
    const int modules = w.runPage()->errorChart()->quantizedModules();
    QVERIFY(modules > 0);
    QCOMPARE(w.runPage()->errorChart()->measuredModules(), modules);
    QCOMPARE(w.runPage()->allocationChart()->quantizedModules(), modules);
    QCOMPARE(w.runPage()->perplexityChart()->pointCount() > 0, true);
    QVERIFY(w.state().result && w.state().result->actualBpw > 2.0);
}

void TestGui::realJobCancelAndResume()
{
    EXL2_REQUIRE_SHARED();
    ConversionWizard w(runJob);
    const fs::path out = exl2test::scratchDir("real-cancel");
    QVERIFY(driveToRun(w, smallModel(), out, 4, 64));
    RunPage* run = w.runPage();
    QSignalSpy measured(run->controller(), &JobController::moduleMeasured);
    QVERIFY(measured.wait(120000));
    run->cancel();
    QVERIFY(waitForJob(run, 120000));
    if (run->isComplete())
        QSKIP("the job finished before it saw the cancel request");
    QVERIFY2(run->isStopped(), qPrintable(run->statusText()));
    QVERIFY(fs::exists(out / "job.json"));
    run->resume();
    QVERIFY(waitForJob(run, 240000));
    QVERIFY2(run->isComplete(), qPrintable(run->statusText()));
}

QTEST_MAIN(TestGui)
#include "test_gui.moc"
