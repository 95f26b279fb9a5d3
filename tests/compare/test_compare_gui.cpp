// The measurement comparison window, offscreen: two real stories260k measurements made here with the
// pipeline (built-in calibration vs TinyStories text) must show the per-module differences computed in
// this test from the parsed files; a measurement of the demo model, exllamav2's example file and broken
// files are refused with a clear message. EXL2_COMPARE_SCREENSHOT=<png> saves docs/screenshots/compare.png.
#include "comparisonwindow.h"

#include "model/demo_model.h"
#include "optimize/measurement.h"
#include "pipeline/job.h"
#include "synthetic_measurement.h"
#include "small_job.h"
#include "test_support.h"

#include <QTableWidget>

#include <cmath>
#include <fstream>

using namespace exl2;
namespace fs = std::filesystem;

namespace {

QString qpath(const fs::path& p) { return QString::fromStdString(p.string()); }

// One measurement-only job on a small budget of rows, as exl2-convert -om would run it.
fs::path measure(const fs::path& model, const std::string& name, const std::string& dataset)
{
    const fs::path dir = exl2test::scratchDir("compare-" + name);
    JobSettings s = exl2test::smallCpuJob(model, dir / "job", 4, 128, 0);
    s.outputMeasurement = (dir / "measurement.json").string();
    s.calDataset = dataset;
    JobHooks hooks;
    runJob(s, hooks);
    return dir / "measurement.json";
}

// Mean |B - A| per module, options matched by identical linear recipes, from the files themselves.
std::vector<double> expectedMeanAbs(const Measurement& a, const Measurement& b, int* shared)
{
    std::vector<double> out;
    *shared = 0;
    for (const auto& ma : a.modules) {
        if (ma.kind == MeasuredKind::None)
            continue;
        const MeasuredModule* mb = b.find(ma.key);
        double sum = 0;
        int n = 0;
        for (const auto& ra : ma.options)
            for (const auto& rb : mb->options)
                if (ra.linears == rb.linears) {
                    sum += std::fabs(rb.accuracy - ra.accuracy);
                    ++n;
                    break;
                }
        *shared += n;
        out.push_back(n ? sum / n : 0);
    }
    return out;
}

QString csvOf(const ChartBase* chart)
{
    QString text;
    QTextStream out(&text);
    chart->writeCsv(out);
    return text;
}

}  // namespace

class TestCompareGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void syntheticFilesWithoutShared();
    void realMeasurementsCompared();
    void otherModelRefused();
    void brokenFilesRefused();

private:
    fs::path m_builtin, m_text;  // stories260k measurements (empty without ../shared)
};

void TestCompareGui::initTestCase()
{
    if (!exl2test::haveShared())
        return;
    const fs::path model = exl2test::sharedDir() / "models" / "stories260k";
    m_builtin = measure(model, "builtin", "");
    m_text = measure(model, "tinystories", (exl2test::sharedDir() / "data" / "tinystories_val_sample.txt").string());
}

void TestCompareGui::syntheticFilesWithoutShared()
{
    const fs::path dir = exl2test::scratchDir("compare-synthetic");
    writeMeasurement(dir / "a.json", exl2test::syntheticMeasurement(3, 1, {512, 128, 1536}));
    writeMeasurement(dir / "b.json", exl2test::syntheticMeasurement(3, 2, {512, 128, 1536}));
    writeMeasurement(dir / "c.json", exl2test::syntheticMeasurement(3, 3, {512, 128, 1536}));
    ComparisonWindow w;
    QVERIFY2(w.addMeasurement(qpath(dir / "a.json")), qPrintable(w.lastError()));
    QVERIFY2(w.addMeasurement(qpath(dir / "b.json")), qPrintable(w.lastError()));
    QVERIFY2(w.addMeasurement(qpath(dir / "c.json")), qPrintable(w.lastError()));
    QCOMPARE(w.fileNames(), QStringList({"a.json", "b.json", "c.json"}));
    QCOMPARE(int(w.comparisons().size()), 2);
    QCOMPARE(w.differenceChart()->meanAbsBars(1).size(), 6);
    QCOMPARE(w.summaryTable()->columnCount(), 2);
    QCOMPARE(w.curveChart()->graphCount(), 3);
    QVERIFY(!w.addMeasurement(qpath(dir / "b.json")));
    QVERIFY2(w.lastError().contains("already open"), qPrintable(w.lastError()));
}

void TestCompareGui::realMeasurementsCompared()
{
    EXL2_REQUIRE_SHARED();
    ComparisonWindow w;
    QVERIFY2(w.addMeasurement(qpath(m_builtin)), qPrintable(w.lastError()));
    QVERIFY2(w.addMeasurement(qpath(m_text)), qPrintable(w.lastError()));
    // Both files are called measurement.json: the legend names their folders.
    QCOMPARE(w.fileNames(), QStringList({"compare-builtin/measurement.json", "compare-tinystories/measurement.json"}));

    const Measurement a = readMeasurement(m_builtin), b = readMeasurement(m_text);
    int shared = 0;
    const std::vector<double> expected = expectedMeanAbs(a, b, &shared);
    QCOMPARE(expected.size(), size_t(10));  // 5 layers x (attention, MLP)
    const QVector<double> bars = w.differenceChart()->meanAbsBars(0);
    QCOMPARE(bars.size(), 10);
    double largest = 0;
    for (int m = 0; m < 10; ++m) {
        QVERIFY2(std::fabs(bars[m] - expected[size_t(m)]) < 1e-12, qPrintable(QString("module %1").arg(m)));
        largest = std::max(largest, expected[size_t(m)]);
    }
    QVERIFY(largest > 0);  // different calibration text gives different accuracies
    QCOMPARE(w.summaryTable()->item(0, 0)->text(), QString::number(shared));
    QCOMPARE(w.summaryTable()->item(1, 0)->text(), QString("0"));
    // The module list starts on the most disagreeing module; its curves hold every option of both files.
    const auto& cmp = w.comparisons()[0];
    QCOMPARE(cmp.modules[size_t(cmp.summary.byDisagreement[0])].meanAbsDiff, largest);
    QCOMPARE(w.curveChart()->moduleKey().toStdString(), cmp.modules[size_t(cmp.summary.byDisagreement[0])].key);
    QCOMPARE(w.curveChart()->graphCount(), 2);
    const MeasuredModule* shown = a.find(w.curveChart()->moduleKey().toStdString());
    QVERIFY(shown);
    QCOMPARE(w.curveChart()->graph(0)->dataCount(), int(shown->options.size()));

    // Allocations at one target: bars are each file's own exact allocation.
    w.setTargetBpw(4.0);
    QVERIFY2(w.allocationError().isEmpty(), qPrintable(w.allocationError()));
    const auto& alloc = w.allocationComparisons().at(0);
    QVERIFY(alloc.a.bpw <= 4.0 + 1e-9 && alloc.b.bpw <= 4.0 + 1e-9);
    const QVector<double> bpwA = w.allocationChart()->bpwBars(0), bpwB = w.allocationChart()->bpwBars(1);
    QCOMPARE(bpwA.size(), 10);
    for (int m = 0; m < 10; ++m) {
        QCOMPARE(bpwA[m], alloc.a.choices[size_t(m)].bpw);
        QCOMPARE(bpwB[m], alloc.b.choices[size_t(m)].bpw);
    }
    QCOMPARE(w.allocationTable()->rowCount(), 10);
    // The figures docs/comparison.md quotes.
    for (int r = 0; r < w.summaryTable()->rowCount(); ++r)
        qInfo("%s: %s", qPrintable(w.summaryTable()->verticalHeaderItem(r)->text()),
              qPrintable(w.summaryTable()->item(r, 0)->text()));

    // CSV: a header and one row per drawn value.
    QCOMPARE(csvOf(w.differenceChart()).count('\n'), 1 + 10);
    QCOMPARE(csvOf(w.allocationChart()).count('\n'), 1 + 2 * 10);
    QVERIFY(csvOf(w.curveChart()).startsWith("file,module,recipe,total_bits,bpw,accuracy\n"));

    const QByteArray shot = qgetenv("EXL2_COMPARE_SCREENSHOT");
    if (!shot.isEmpty()) {
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(200);
        QVERIFY(w.grab().save(QString::fromLocal8Bit(shot)));
    }
}

void TestCompareGui::otherModelRefused()
{
    EXL2_REQUIRE_SHARED();
    const fs::path demoDir = exl2test::scratchDir("compare-demo-model");
    writeDemoModel(demoDir);
    const fs::path demo = measure(demoDir, "demo", "");
    ComparisonWindow w;
    QVERIFY(w.addMeasurement(qpath(m_builtin)));
    QVERIFY(!w.addMeasurement(qpath(demo)));
    QVERIFY2(w.lastError().contains("measures a different model than"), qPrintable(w.lastError()));
    QVERIFY2(w.lastError().contains("10 decoder modules in compare-builtin/measurement.json, 8 in compare-demo/measurement.json"),
             qPrintable(w.lastError()));
    QCOMPARE(w.fileCount(), 1);
    // exllamav2's own file format (a 2-layer example written with Python's json.dumps) is read, then refused.
    QVERIFY(!w.addMeasurement(qpath(exl2test::testDataDir() / "optimize" / "exllamav2_measurement_example.json")));
    QVERIFY2(w.lastError().contains("4 in exllamav2_measurement_example.json"), qPrintable(w.lastError()));
    QVERIFY(w.addMeasurement(qpath(m_text)));
    QCOMPARE(w.fileCount(), 2);
}

void TestCompareGui::brokenFilesRefused()
{
    const fs::path dir = exl2test::scratchDir("compare-broken");
    std::ofstream(dir / "broken.json") << "{\"measurement\": {\"model.layers.0.mlp\": [";
    ComparisonWindow w;
    QVERIFY(!w.addMeasurement(qpath(dir / "broken.json")));
    QVERIFY2(w.lastError().contains("broken.json"), qPrintable(w.lastError()));
    QVERIFY(!w.addMeasurement(qpath(dir / "missing.json")));
    QVERIFY2(w.lastError().contains("missing.json"), qPrintable(w.lastError()));
    QCOMPARE(w.fileCount(), 0);
}

QTEST_MAIN(TestCompareGui)
#include "test_compare_gui.moc"
