// End-to-end conversions of the synthetic MoE demo model (MixtralForCausalLM, 4 experts, top 2): the
// measurement in the reference schema (block_sparse_moe records with w1/w3/w2), bpw on target at two
// targets, perplexity of the EXL2 output read back (exl2_model.h) sane and nearer the unquantized
// model's at more bits, the section 7 tensor names, and a SIGKILLed job resuming to identical bytes.
#include "backend/registry.h"
#include "forward/perplexity.h"
#include "forward/transformer_model.h"
#include "io/safetensors.h"
#include "model/demo_model.h"
#include "optimize/measurement_json.h"
#include "pipeline/exl2_model.h"
#include "pipeline/job.h"
#include "pipeline/stored_costs.h"
#include "small_job.h"
#include "test_support.h"
#include "tokenizer/tokenizer.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <cmath>
#include <csignal>
#include <map>

using namespace exl2;
namespace fs = std::filesystem;

class TestMoe : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void measurementSchema();
    void bitrates_data();
    void bitrates();
    void perplexityNearerWithBits();
    void compiledTensorNames();
    void killedJobResumesBitIdentical();

private:
    JobSettings settingsFor(double bits, const std::string& tag) const;
    double heldOutPerplexity(const fs::path& dir, bool exl2);
    static std::map<std::string, QByteArray> outputHashes(const fs::path& dir);

    fs::path m_model, m_scratch;
    std::vector<int32_t> m_evalIds;
    int64_t m_evalRows = 0, m_evalLength = 0;
    double m_basePpl = 0;
    std::map<double, double> m_ppl;  // target -> held-out perplexity
};

namespace {

constexpr double kLow = 3.0, kHigh = 6.0;

QStringList argsOf(const JobSettings& s)
{
    return {"-i", QString::fromStdString(s.inDir), "-o", QString::fromStdString(s.outDir), "-cf",
            QString::fromStdString(s.compileFull), "-b", QString::number(s.bits), "-hb", QString::number(s.headBits),
            "-r", QString::number(s.datasetRows), "-mr", QString::number(s.measurementRows), "-l",
            QString::number(s.length), "-ml", QString::number(s.measurementLength), "--device", "cpu", "--seed",
            QString::number(s.seed), "--json-progress"};
}

}  // namespace

JobSettings TestMoe::settingsFor(double bits, const std::string& tag) const
{
    JobSettings s = exl2test::smallCpuJob(m_model, m_scratch / ("work-" + tag), 8, 128, 5);
    s.compileFull = (m_scratch / ("exl2-" + tag)).string();
    s.bits = bits;  // built-in calibration set, seeded from the job seed
    s.headBits = 8;
    return s;
}

void TestMoe::initTestCase()
{
    m_scratch = exl2test::scratchDir("moe");
    m_model = m_scratch / "demo-moe";
    writeDemoMoeModel(m_model);
    const Tokenizer tok = Tokenizer::fromModelDir(m_model);
    const std::vector<int32_t> stream = tok.encode(joinParagraphs(demoCorpus()), false);
    m_evalLength = 63;
    m_evalIds = perplexityRows(stream, m_evalLength, 1, 16, m_evalRows);
    QVERIFY(m_evalRows >= 4);
    m_evalLength += 1;
    m_basePpl = heldOutPerplexity(m_model, false);
    qInfo("unquantized (fp16) MoE demo perplexity on the demo corpus: %.4f (%lld rows)", m_basePpl,
          static_cast<long long>(m_evalRows));
}

double TestMoe::heldOutPerplexity(const fs::path& dir, bool exl2)
{
    const ModelConfig config = loadModelConfig(dir);
    TransformerModel model = exl2 ? TransformerModel::load(config, exl2TensorSource(dir, config))
                                  : TransformerModel::load(config, std::make_shared<const SafetensorsReader>(
                                                                       SafetensorsReader::open(dir)));
    auto backend = BackendRegistry::create("cpu");
    return evaluateNll(model, *backend, m_evalIds, m_evalRows, m_evalLength).perplexity();
}

std::map<std::string, QByteArray> TestMoe::outputHashes(const fs::path& dir)
{
    std::map<std::string, QByteArray> out;
    for (const auto& e : fs::directory_iterator(dir))
        out[e.path().filename().string()] =
            QCryptographicHash::hash(QByteArray::fromStdString(readFile(e.path())), QCryptographicHash::Sha256).toHex();
    return out;
}

void TestMoe::measurementSchema()
{
    // A measurement-only job (-om); the conversions below reuse nothing from it.
    JobSettings s = settingsFor(kLow, "measure");
    s.compileFull.clear();
    s.outputMeasurement = (m_scratch / "moe-measurement.json").string();
    std::vector<std::string> log;
    JobHooks hooks;
    hooks.log = [&](const std::string& l) { log.push_back(l); };
    runJob(s, hooks);
    const auto j = nlohmann::ordered_json::parse(readFile(s.outputMeasurement));
    const auto& m = j.at("measurement");
    std::vector<std::string> keys;
    for (const auto& [key, value] : m.items())
        keys.push_back(key);
    const std::vector<std::string> expected{"model.layers.0.self_attn", "model.layers.0.block_sparse_moe",
                                            "model.layers.1.self_attn", "model.layers.1.block_sparse_moe",
                                            "model.norm.norm",          "lm_head.linear"};
    QCOMPARE(keys, expected);
    QVERIFY(m.at("model.norm.norm").is_null() && m.at("lm_head.linear").is_null());
    QCOMPARE(j.at("last_module_idx").get<int>(), 6);
    for (const char* moe : {"model.layers.0.block_sparse_moe", "model.layers.1.block_sparse_moe"}) {
        const auto& records = m.at(moe);
        QCOMPARE(records.size(), size_t(17));
        for (const auto& r : records) {
            std::vector<std::string> fields;
            for (const auto& [key, value] : r.items())
                fields.push_back(key);
            QCOMPARE(fields, (std::vector<std::string>{"accuracy", "total_bits", "w1", "w3", "w2"}));
            // Every expert has the same shapes and options: the cost is 4 equal parts.
            QCOMPARE(r.at("total_bits").get<int64_t>() % DemoMoeShape::experts, int64_t(0));
            QVERIFY(r.at("accuracy").get<double>() > 0.1 && r.at("accuracy").get<double>() <= 1.0);
            QCOMPARE(r.at("w2").at("scale_bits").get<int>(), 4);
        }
    }
    const Measurement parsed = readMeasurement(s.outputMeasurement);
    QCOMPARE(parsed.modules.at(1).kind, MeasuredKind::BlockSparseMoe);

    // The costs the optimizer (and the inspector) pay count every expert: with widths that are multiples of
    // 32 the stored bits equal the measurement's total_bits exactly, and the weights are all experts'.
    const ModelConfig config = loadModelConfig(m_model);
    const SafetensorsReader tensors = SafetensorsReader::open(m_model);
    const std::vector<uint64_t> numels = moduleNumels(config, tensors);
    const uint64_t h = DemoMoeShape::hidden, f = DemoMoeShape::intermediate, d = DemoMoeShape::headDim;
    QCOMPARE(numels.at(0), h * h * 2 + h * (DemoMoeShape::kvHeads * d) * 2);  // q, o and k, v
    QCOMPARE(numels.at(1), uint64_t(DemoMoeShape::experts) * 3 * h * f);
    OptimizerProblem stored = buildProblem(parsed, numels);
    applyStoredCosts(stored, config, tensors);
    const OptimizerProblem measured = buildProblem(parsed, numels);
    for (size_t i = 0; i < stored.moduleSlots.size(); ++i)
        for (size_t r = 0; r < stored.moduleSlots[i].records.size(); ++r)
            QCOMPARE(stored.moduleSlots[i].records[r].totalBits, measured.moduleSlots[i].records[r].totalBits);
    int coverageWarnings = 0;
    for (const std::string& l : log)
        coverageWarnings += l.find("has less than 10% calibration") != std::string::npos;
    qInfo("coverage warnings: %d", coverageWarnings);
}

void TestMoe::bitrates_data()
{
    QTest::addColumn<double>("bits");
    QTest::newRow("low") << kLow;
    QTest::newRow("high") << kHigh;
}

void TestMoe::bitrates()
{
    QFETCH(double, bits);
    const JobSettings s = settingsFor(bits, QString::number(bits, 'f', 1).toStdString());
    JobHooks hooks;
    const auto start = std::chrono::steady_clock::now();
    const JobResult r = runJob(s, hooks);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QVERIFY2(std::abs(r.actualBpw - bits) <= 0.1, qPrintable(QString("actual %1 bpw, target %2").arg(r.actualBpw).arg(bits)));
    QVERIFY(isExl2Folder(s.compileFull));
    const double ppl = heldOutPerplexity(s.compileFull, true);
    qInfo("MoE target %.1f: %.4f bpw, perplexity %.4f (unquantized %.4f), calibration ppl %.4f, %.1f s", bits,
          r.actualBpw, ppl, m_basePpl, r.calibrationPerplexity, seconds);
    // Sane: finite and within a factor of two of the unquantized model's (a synthetic model sits near chance).
    QVERIFY2(std::isfinite(ppl) && ppl < 2.0 * m_basePpl && ppl > 0.5 * m_basePpl, qPrintable(QString::number(ppl)));
    m_ppl[bits] = ppl;
}

void TestMoe::perplexityNearerWithBits()
{
    if (m_ppl.size() < 2)
        QSKIP("needs both rows of bitrates()");
    const double lowGap = std::abs(std::log(m_ppl.at(kLow) / m_basePpl));
    const double highGap = std::abs(std::log(m_ppl.at(kHigh) / m_basePpl));
    QVERIFY2(highGap < lowGap, qPrintable(QString("|ln ppl ratio| %1 at %2 bpw, %3 at %4 bpw")
                                              .arg(highGap).arg(kHigh).arg(lowGap).arg(kLow)));
}

void TestMoe::compiledTensorNames()
{
    const JobSettings s = settingsFor(kLow, QString::number(kLow, 'f', 1).toStdString());
    if (!fs::exists(fs::path(s.compileFull) / "output.safetensors"))
        QSKIP("needs the low row of bitrates()");
    const SafetensorsReader r = SafetensorsReader::open(fs::path(s.compileFull) / "output.safetensors");
    const std::string p = "model.layers.1.block_sparse_moe.";
    QCOMPARE(r.info(p + "gate.weight").dtype, DType::F16);  // the router stays unquantized
    QVERIFY(!r.contains(p + "gate.q_weight"));
    for (int e = 0; e < DemoMoeShape::experts; ++e)
        for (const char* w : {"w1", "w3", "w2"})
            for (const char* t : {"q_weight", "q_invperm", "q_scale", "q_scale_max", "q_groups"})
                QVERIFY2(r.contains(p + "experts." + std::to_string(e) + "." + w + "." + t), w);
    QCOMPARE(r.info("model.layers.1.post_attention_layernorm.weight").dtype, DType::F16);
}

void TestMoe::killedJobResumesBitIdentical()
{
    const JobSettings fresh = settingsFor(kLow, QString::number(kLow, 'f', 1).toStdString());
    if (!fs::exists(fs::path(fresh.compileFull) / "output.safetensors"))
        QSKIP("needs the low row of bitrates()");
    const QString binary = QString::fromStdString((exl2test::binaryDir() / "app" / "exl2-convert").string());
    if (!fs::exists(binary.toStdString()))
        QSKIP("exl2-convert is not built");
    const JobSettings s = settingsFor(kLow, "killed");
    // Kill in the measurement, once more in it, then in the quantization pass; the fourth run finishes.
    const QStringList targets{"measure_quant", "measure_quant", "quant", ""};
    int kills = 0;
    for (const QString& target : targets) {
        QProcess p;
        p.start(binary, argsOf(s));
        QVERIFY(p.waitForStarted());
        bool killed = false;
        int seen = 0;
        while (!target.isEmpty() && p.state() != QProcess::NotRunning && !killed) {
            p.waitForReadyRead(50);
            while (p.canReadLine()) {
                const QString line = QString::fromUtf8(p.readLine());
                if (line.contains("\"stage\":\"" + target + "\"") && ++seen >= 2) {
                    ::kill(pid_t(p.processId()), SIGKILL);
                    killed = true;
                    ++kills;
                    break;
                }
            }
        }
        p.waitForFinished(300000);
        if (target.isEmpty())
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     qPrintable(QString::fromUtf8(p.readAllStandardError()).right(2000)));
    }
    QCOMPARE(kills, 3);
    QCOMPARE(outputHashes(s.compileFull), outputHashes(fresh.compileFull));
}

QTEST_GUILESS_MAIN(TestMoe)
#include "test_moe.moc"
