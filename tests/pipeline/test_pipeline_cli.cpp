// exl2-convert's argument handling as a user meets it: the reference converter's messages, but a
// non-zero exit code for every error (2: bad arguments, 1: other failures).
#include "pipeline/job_file.h"
#include "test_pipeline_suites.h"
#include "test_support.h"

#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

namespace fs = std::filesystem;

namespace {

QString convertBinary() { return QString::fromStdString((exl2test::binaryDir() / "app" / "exl2-convert").string()); }

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runConvert(const QStringList& args)
{
    QProcess p;
    p.start(convertBinary(), args);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

}  // namespace

void TestPipelineCli::initTestCase()
{
    if (!fs::exists(convertBinary().toStdString()))
        QSKIP("exl2-convert is not built in this tree");
}

void TestPipelineCli::validation_data()
{
    const QString scratch = QString::fromStdString(exl2test::scratchDir("pipeline-cli").string());
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrText");
    QTest::addColumn<QString>("stdoutText");
    QTest::newRow("no -o") << QStringList{"-i", "/x"} << 2
                           << " ## Please specify output/working directory (-o, --out_dir)" << "";
    QTest::newRow("no -i") << QStringList{"-o", scratch + "/a"} << 2
                           << " ## Please specify input model directory (-i, --in_dir)" << "";
    QTest::newRow("-hb 7") << QStringList{"-i", "/x", "-o", scratch + "/b", "-hb", "7"} << 2
                           << " ## Error: 7 is not a supported option for head layer bitrate" << "";
    QTest::newRow("-om with -cf") << QStringList{"-i", "/x", "-o", scratch + "/c", "-om", scratch + "/m.json", "-cf",
                                                 scratch + "/full"}
                                  << 2 << " ## Conflicting options: --output_measurement and --compile_full" << "";
    QTest::newRow("unknown flag") << QStringList{"-o", scratch + "/d", "--bitz", "4"} << 2
                                  << "unknown option '--bitz'" << "";
    QTest::newRow("-b not a number") << QStringList{"-o", scratch + "/e", "-b", "four"} << 2
                                     << "option --bits: 'four' is not a number" << "";
    QTest::newRow("-l too long warns") << QStringList{"-i", scratch + "/none", "-o", scratch + "/f", "-l", "4096"} << 1
                                       << " ## " << " !! Warning: calibration rows > 2048 tokens may result in excessive VRAM use";
    QTest::newRow("-b 9 warns") << QStringList{"-i", scratch + "/none", "-o", scratch + "/g", "-b", "9"} << 1 << " ## "
                                << " !! Warning: target bitrate 9.0 will likely not be attainable";
    QTest::newRow("creates -o") << QStringList{"-i", scratch + "/none", "-o", scratch + "/h"} << 1 << " ## "
                                << " -- Created output directory: " + scratch + "/h";
    QTest::newRow("cf is a file") << QStringList{"-i", scratch + "/none", "-o", scratch + "/i", "-cf",
                                                 QString::fromStdString((exl2test::sharedDir() / "data" / "README.md").string())}
                                  << 2 << "exists but is not a directory" << "";
    QTest::newRow("bad device") << QStringList{"-i", "/x", "-o", scratch + "/j", "--device", "tpu"} << 2
                                << " ## Error: --device tpu is not one of cpu, cuda, cuda:N, auto" << "";
    QTest::newRow("--strategy with -b warns") << QStringList{"-i", scratch + "/none", "-o", scratch + "/k", "--strategy",
                                                             scratch + "/no-strategy.json", "-b", "3"}
                                              << 1 << "no-strategy.json"
                                              << " !! Warning: -b/--bits is ignored: the allocation comes from the strategy file";
}

void TestPipelineCli::validation()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrText);
    QFETCH(QString, stdoutText);
    const Run r = runConvert(args);
    QVERIFY2(r.err.contains(stderrText), qPrintable(r.err));
    QVERIFY2(stdoutText.isEmpty() || r.out.contains(stdoutText), qPrintable(r.out));
    QCOMPARE(r.exitCode, exitCode);
}

void TestPipelineCli::help()
{
    const Run r = runConvert({"--help"});
    QCOMPARE(r.exitCode, 0);
    for (const char* flag : {"-i", "-o", "-nr", "-cf", "-om", "-m", "-c", "-b", "-hb", "-ss", "-rs", "-ra", "-l", "-ml",
                             "-r", "-mr", "--device", "--json-progress", "--seed", "--column", "--strategy"})
        QVERIFY2(r.out.contains(QString(flag) + (QString(flag).startsWith("--") ? "" : ",")), flag);
}

// -so: the reference's [STATUS] lines, exactly in Python's json.dumps layout, every stage in order and
// each stage's completion rising to 1.0; the human lines stay on stdout around them.
void TestPipelineCli::statusOutput()
{
    EXL2_REQUIRE_SHARED();
    const QString scratch = QString::fromStdString(exl2test::scratchDir("pipeline-cli-so").string());
    const QString model = QString::fromStdString((exl2test::sharedDir() / "models" / "stories260k").string());
    const QString text = QString::fromStdString((exl2test::sharedDir() / "data" / "tinystories_val_sample.txt").string());
    const Run r = runConvert({"-i", model, "-o", scratch + "/w", "-c", text, "-r", "2", "-mr", "2", "-l", "64", "-ml",
                              "64", "-b", "4", "--device", "cpu", "-so"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QRegularExpression exact(
        R"re(^\[STATUS\]\{"stage": "(Tokenizing \(1\)|Tokenizing \(2\)|Embeddings|Measuring|Optimizing|Quantizing|Compiling)", )re"
        R"re("completion": (0\.0|1\.0|0\.[0-9]{0,3}[1-9])\}\[/STATUS\]$)re");
    QStringList order;
    QString stage;
    double last = 0;
    int statusLines = 0;
    for (const QString& line : r.out.split('\n')) {
        if (!line.contains("STATUS"))
            continue;
        ++statusLines;
        const QRegularExpressionMatch m = exact.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        const double completion = m.captured(2).toDouble();
        if (m.captured(1) != stage) {
            if (!stage.isEmpty())
                QVERIFY2(last == 1.0, qPrintable(stage + " ended below 1.0"));
            stage = m.captured(1);
            order << stage;
        } else {
            QVERIFY2(completion >= last, qPrintable(line));
        }
        last = completion;
    }
    QCOMPARE(order, (QStringList{"Tokenizing (1)", "Embeddings", "Measuring", "Optimizing", "Tokenizing (2)", "Embeddings",
                                 "Quantizing", "Compiling"}));
    QVERIFY(statusLines > 20);
    QVERIFY(r.out.contains("[STATUS]{\"stage\": \"Measuring\", \"completion\": 0.0}[/STATUS]\n"));
    QVERIFY(r.out.contains(" -- Finished"));
}
