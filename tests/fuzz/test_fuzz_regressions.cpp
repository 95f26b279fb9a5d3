// Replays every input under tests/fuzz/regressions/<target>/ (crashes the fuzzers found, kept after the
// fix) through the same target code as the libFuzzer build, compiled here with the normal compiler: a
// parser that crashes, throws anything but exl2::Error or breaks a target's check fails this test.
// In the sanitizer build (scripts/sanitize.sh) the replay also catches memory errors and UB.
#include "fuzz_support.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using Target = int (*)(const uint8_t*, size_t);

const std::map<std::string, Target>& targets()
{
    static const std::map<std::string, Target> all = {
        {"safetensors", exl2fuzz::fuzzSafetensors}, {"config", exl2fuzz::fuzzConfig},
        {"tokenizer", exl2fuzz::fuzzTokenizer},     {"parquet", exl2fuzz::fuzzParquet},
        {"jsonl", exl2fuzz::fuzzJsonl},             {"measurement", exl2fuzz::fuzzMeasurement},
        {"job", exl2fuzz::fuzzJob},
    };
    return all;
}

std::vector<uint8_t> readBytes(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs one input; returns an empty string when the target's rule held, else what went wrong.
std::string replay(Target target, const std::vector<uint8_t>& bytes)
{
    try {
        target(bytes.data(), bytes.size());
        return {};
    } catch (const exl2fuzz::Violation& v) {
        return std::string("check failed: ") + v.what();
    } catch (const std::exception& e) {
        return std::string("escaped exception (not exl2::Error): ") + e.what();
    } catch (...) {
        return "escaped a non-std exception";
    }
}

}  // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT
private slots:
    void regressionFoldersNameTargets();
    void replay_data();
    void replay();
    void harnessReportsViolations();
};

// A misspelt folder would silently replay nothing.
void TestFuzzRegressions::regressionFoldersNameTargets()
{
    const fs::path dir(EXL2_FUZZ_REGRESSIONS_DIR);
    QVERIFY2(fs::is_directory(dir), dir.c_str());
    for (const auto& entry : fs::directory_iterator(dir))
        QVERIFY2(entry.is_directory() && targets().count(entry.path().filename().string()),
                 qPrintable(QString("%1: expected a folder named after a fuzz target")
                                .arg(QString::fromStdString(entry.path().string()))));
}

void TestFuzzRegressions::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("file");
    int count = 0;
    for (const auto& [name, fn] : targets()) {
        const fs::path dir = fs::path(EXL2_FUZZ_REGRESSIONS_DIR) / name;
        if (!fs::is_directory(dir))
            continue;
        for (const auto& entry : fs::directory_iterator(dir)) {
            const std::string row = name + "/" + entry.path().filename().string();
            QTest::newRow(row.c_str()) << QString::fromStdString(name) << QString::fromStdString(entry.path().string());
            ++count;
        }
    }
    QVERIFY2(count > 0, "no regression inputs found under " EXL2_FUZZ_REGRESSIONS_DIR);
}

void TestFuzzRegressions::replay()
{
    QFETCH(QString, target);
    QFETCH(QString, file);
    const auto bytes = readBytes(file.toStdString());
    const std::string problem = ::replay(targets().at(target.toStdString()), bytes);
    QVERIFY2(problem.empty(), qPrintable(QString("%1: %2").arg(file, QString::fromStdString(problem))));
}

// The replay must be able to fail: a target check that breaks is reported, not swallowed.
void TestFuzzRegressions::harnessReportsViolations()
{
    const std::vector<uint8_t> none;
    const std::string problem = ::replay([](const uint8_t*, size_t) -> int {
        exl2fuzz::expectOnlyExl2Errors([] { exl2fuzz::fail("probe"); });
        return 0;
    }, none);
    QCOMPARE(QString::fromStdString(problem), QString("check failed: probe"));
    const std::string escaped = ::replay([](const uint8_t*, size_t) -> int {
        exl2fuzz::expectOnlyExl2Errors([] { throw std::out_of_range("number overflow"); });
        return 0;
    }, none);
    QVERIFY(escaped.starts_with("escaped exception"));
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"
