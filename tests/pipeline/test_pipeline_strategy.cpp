// --strategy: a conversion driven by an exported strategy file must produce the same bytes as the
// conversion whose allocation was exported, keep the allocation across a resume (job.json), and refuse
// a strategy that does not match the measurement, naming the module and the file.
#include "optimize/measurement_json.h"
#include "optimize/strategy.h"
#include "pipeline/job.h"
#include "pipeline/job_file.h"
#include "test_pipeline_suites.h"
#include "small_job.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <QtTest>

#include <atomic>

using namespace exl2;
namespace fs = std::filesystem;

namespace {

JobSettings smallJob(const fs::path& scratch, const std::string& tag)
{
    JobSettings s = exl2test::smallCpuJob(exl2test::sharedDir() / "models" / "stories260k",
                                          scratch / ("work-" + tag), 4, 128, 11);
    s.compileFull = (scratch / ("exl2-" + tag)).string();
    s.calDataset = (exl2test::sharedDir() / "data" / "tinystories_val_sample.txt").string();
    s.bits = 4.0;
    return s;
}

// What the allocation inspector does on "export": the measurement's problem, the allocation's choices,
// strategyFromAllocation + writeStrategy.
void exportStrategy(const fs::path& measurement, const fs::path& jobJson, const fs::path& out)
{
    const OptimizerProblem problem = buildProblem(readMeasurement(measurement));
    const std::vector<int> choice = choiceFromStrategy(problem, readStrategy(jobJson));
    Allocation a;
    for (size_t i = 0; i < choice.size(); ++i) {
        SlotChoice c;
        c.key = problem.moduleSlots[i].key;
        c.option = choice[i];
        a.choices.push_back(c);
    }
    writeStrategy(out, strategyFromAllocation(problem, a));
}

std::string bytes(const fs::path& p) { return readFile(p); }

}  // namespace

void TestPipelineStrategy::initTestCase()
{
    EXL2_REQUIRE_SHARED();
    m_scratch = exl2test::scratchDir("pipeline-strategy");
    const JobSettings a = smallJob(m_scratch, "optimized");
    JobHooks hooks;
    runJob(a, hooks);
    m_measurement = fs::path(a.outDir) / "measurement.json";
    m_strategy = m_scratch / "exported.json";
    exportStrategy(m_measurement, fs::path(a.outDir) / "job.json", m_strategy);
}

void TestPipelineStrategy::strategyGivesSameBytes()
{
    const JobSettings a = smallJob(m_scratch, "optimized");
    JobSettings b = smallJob(m_scratch, "from-strategy");
    b.bits = 2.0;  // ignored: the strategy decides
    b.reuseMeasurement = m_measurement.string();
    b.strategyFile = m_strategy.string();
    std::vector<std::string> log;
    JobHooks hooks;
    hooks.log = [&](const std::string& l) { log.push_back(l); };
    double announced = 0;
    hooks.strategyChosen = [&](const StrategyChosen& s) { announced = s.targetBpw; };
    const JobResult r = runJob(b, hooks);
    QCOMPARE(bytes(fs::path(b.compileFull) / "output.safetensors"), bytes(fs::path(a.compileFull) / "output.safetensors"));
    QCOMPARE(loadJob(b.outDir).strategy.dump(), loadJob(a.outDir).strategy.dump());
    // The target is what the strategy gives: printed, recorded and written to quantization_config.
    QVERIFY(announced > 3.0 && announced <= 4.0);
    QCOMPARE(loadJob(b.outDir).settings.bits, announced);
    QVERIFY(std::abs(r.actualBpw - announced) < 0.01);
    const auto config = nlohmann::json::parse(readFile(fs::path(b.compileFull) / "config.json"));
    QCOMPARE(config["quantization_config"]["bits"].get<double>(), announced);
    bool printed = false;
    for (const std::string& l : log)
        printed |= l.find(" -- Strategy from " + m_strategy.string()) == 0;
    QVERIFY(printed);
}

void TestPipelineStrategy::resumeKeepsStrategy()
{
    const JobSettings a = smallJob(m_scratch, "optimized");
    JobSettings c = smallJob(m_scratch, "resumed");
    const fs::path copy = m_scratch / "temporary-strategy.json";
    fs::copy_file(m_strategy, copy, fs::copy_options::overwrite_existing);
    c.strategyFile = copy.string();  // measures again (same seed): the strategy maps onto the new measurement
    std::atomic<bool> cancel{false};
    JobHooks hooks;
    hooks.cancelRequested = &cancel;
    hooks.moduleQuantized = [&](const ModuleQuantized& m) { cancel = m.moduleIndex == 3; };
    QVERIFY_THROWS_EXCEPTION(Error, runJob(c, hooks));
    QCOMPARE(loadJob(c.outDir).progress, JobStage::Quant);
    fs::remove(copy);  // the allocation lives in job.json now
    hooks.moduleQuantized = nullptr;
    cancel = false;
    c.strategyFile.clear();
    c.bits = 6.0;  // a resumed job ignores the command line's settings
    runJob(c, hooks);
    QCOMPARE(bytes(fs::path(c.compileFull) / "output.safetensors"), bytes(fs::path(a.compileFull) / "output.safetensors"));
}

void TestPipelineStrategy::mismatchNamesModule_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown option") << "total_bits" << "strategy[\"model.layers.1.mlp\"]: record (total_bits 12345)";
    QTest::newRow("missing module") << "remove" << "no record for module model.layers.1.mlp";
    QTest::newRow("extra module") << "extra" << "the strategy has 11 modules, the model's measurement 10";
}

void TestPipelineStrategy::mismatchNamesModule()
{
    QFETCH(QString, edit);
    QFETCH(QString, expected);
    auto j = nlohmann::ordered_json::parse(readFile(m_strategy));
    if (edit == "total_bits")
        j["model.layers.1.mlp"]["total_bits"] = 12345;
    else if (edit == "remove")
        j.erase("model.layers.1.mlp");
    else
        j["model.layers.9.mlp"] = j["model.layers.1.mlp"];
    const fs::path bad = m_scratch / ("bad-" + edit.toStdString() + ".json");
    writeFileAtomically(bad, j.dump(4));
    JobSettings s = smallJob(m_scratch, "bad-" + edit.toStdString());
    s.reuseMeasurement = m_measurement.string();
    s.strategyFile = bad.string();
    JobHooks hooks;
    try {
        runJob(s, hooks);
        QFAIL("a mismatching strategy was accepted");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        const QString what = e.what();
        QVERIFY2(what.contains(expected) && what.contains(QString::fromStdString(bad.string())), e.what());
    }
}

void TestPipelineStrategy::conflictsAndBadFiles()
{
    JobSettings s = smallJob(m_scratch, "conflict");
    s.compileFull.clear();
    s.outputMeasurement = (m_scratch / "m.json").string();
    s.strategyFile = m_strategy.string();
    JobHooks hooks;
    try {
        runJob(s, hooks);
        QFAIL("--strategy with -om was accepted");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        QVERIFY2(QString(e.what()).contains("--strategy and --output_measurement"), e.what());
    }
    s = smallJob(m_scratch, "missing");
    s.strategyFile = (m_scratch / "no-such-strategy.json").string();
    try {
        runJob(s, hooks);
        QFAIL("a missing strategy file was accepted");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("no-such-strategy.json"), e.what());
    }
}
