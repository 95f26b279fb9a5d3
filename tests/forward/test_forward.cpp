// Forward pass against independent references: RoPE goldens and tiny random models from transformers
// (scripts/make_rope_goldens.py), and stories260K logits/perplexity from ../shared.
#include "forward_test_util.h"

#include "backend/cpu_backend.h"
#include "forward/perplexity.h"
#include "forward/rope.h"
#include "tokenizer/tokenizer.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <QtTest>

using namespace exl2;
using fwdtest::readJson;

class TestForward : public QObject {
    Q_OBJECT
private slots:
    void ropeGoldens_data();
    void ropeGoldens();
    void tinyModels_data();
    void tinyModels();
    void storiesLogitsF32();
    void storiesLogitsF16();
    void storiesGreedy();
    void storiesWindowsPerplexity();
    void storiesTextPerplexity();
};

namespace {

RopeScalingType scalingType(const std::string& t)
{
    if (t == "none") return RopeScalingType::None;
    if (t == "linear") return RopeScalingType::Linear;
    if (t == "dynamic") return RopeScalingType::Dynamic;
    if (t == "yarn") return RopeScalingType::Yarn;
    if (t == "llama3") return RopeScalingType::Llama3;
    if (t == "longrope") return RopeScalingType::LongRope;
    throw std::runtime_error("unknown rope type " + t);
}

// The ModelConfig fields a RoPE case sets, as the script wrote them.
ModelConfig ropeConfig(const nlohmann::json& c)
{
    ModelConfig m;
    m.headDim = c["head_dim"];
    m.ropeTheta = c["rope_theta"];
    m.maxPositions = c["max_position_embeddings"];
    m.partialRotaryFactor = c["partial_rotary_factor"];
    const auto& s = c["rope_scaling"];
    m.ropeScaling.type = scalingType(s["type"]);
    m.ropeScaling.factor = s.value("factor", 1.0);
    m.ropeScaling.lowFreqFactor = s.value("low_freq_factor", 1.0);
    m.ropeScaling.highFreqFactor = s.value("high_freq_factor", 4.0);
    m.ropeScaling.betaFast = s.value("beta_fast", 32.0);
    m.ropeScaling.betaSlow = s.value("beta_slow", 1.0);
    if (s.contains("attention_factor"))
        m.ropeScaling.attentionFactor = s["attention_factor"].get<double>();
    m.ropeScaling.originalMaxPositions = s.value("original_max_position_embeddings", int64_t(0));
    if (s.contains("long_factor")) {
        m.ropeScaling.longFactor = s["long_factor"].get<std::vector<double>>();
        m.ropeScaling.shortFactor = s["short_factor"].get<std::vector<double>>();
    }
    return m;
}

}  // namespace

void TestForward::ropeGoldens_data()
{
    QTest::addColumn<int>("index");
    const auto g = readJson(fwdtest::dataDir() / "rope_goldens.json");
    for (size_t i = 0; i < g["cases"].size(); ++i)
        QTest::newRow(g["cases"][i]["name"].get<std::string>().c_str()) << int(i);
}

void TestForward::ropeGoldens()
{
    QFETCH(int, index);
    const auto c = readJson(fwdtest::dataDir() / "rope_goldens.json")["cases"][size_t(index)];
    const ModelConfig config = ropeConfig(c);
    RopeOverrides ov;
    if (c.contains("alpha"))
        ov.alpha = c["alpha"].get<double>();
    if (c.contains("scale"))
        ov.scale = c["scale"].get<double>();
    const int64_t seqLen = c["seq_len"];

    const RopeFrequencies f = ropeFrequencies(config, seqLen, ov);
    const auto inv = c["inv_freq"].get<std::vector<double>>();
    QCOMPARE(f.invFreq.size(), inv.size());
    for (size_t i = 0; i < inv.size(); ++i) {
        const double ours = f.invFreq[i] / f.positionScale;  // -rs divides positions: same angle as inv/scale
        QVERIFY2(std::fabs(ours - inv[i]) <= 2e-6 * std::fabs(inv[i]) + 1e-12,
                 qPrintable(QString("inv_freq[%1]: ours %2, transformers %3").arg(i).arg(ours).arg(inv[i])));
    }
    QVERIFY(std::fabs(f.attentionScaling - c["attention_scaling"].get<double>()) < 1e-7);

    const RopeTable table(config, seqLen, ov);
    const auto positions = c["positions"].get<std::vector<int64_t>>();
    for (size_t k = 0; k < positions.size(); ++k) {
        const int64_t p = positions[k];
        const auto cs = c["cos"][k].get<std::vector<double>>(), sn = c["sin"][k].get<std::vector<double>>();
        // float32 angles: a 1-ulp difference in inv_freq moves the angle by ~6e-8 × angle.
        const double tol = 2e-6 + 1.5e-7 * double(p);
        for (size_t i = 0; i < cs.size(); ++i) {
            QVERIFY2(std::fabs(table.cos(p)[i] - cs[i]) <= tol,
                     qPrintable(QString("cos pos %1 i %2: %3 vs %4").arg(p).arg(i).arg(table.cos(p)[i]).arg(cs[i])));
            QVERIFY2(std::fabs(table.sin(p)[i] - sn[i]) <= tol,
                     qPrintable(QString("sin pos %1 i %2: %3 vs %4").arg(p).arg(i).arg(table.sin(p)[i]).arg(sn[i])));
        }
    }
}

void TestForward::tinyModels_data()
{
    QTest::addColumn<QString>("name");
    for (const char* n : {"qwen2", "qwen3", "gemma2", "mixtral", "phi3"})
        QTest::newRow(n) << QString(n);
}

void TestForward::tinyModels()
{
    QFETCH(QString, name);
    const auto dir = fwdtest::dataDir() / "models" / name.toStdString();
    const auto golden = readJson(dir / "logits.json");
    TransformerModel model = fwdtest::loadModel(dir);
    CpuBackend backend;
    const auto ids = golden["ids"].get<std::vector<int32_t>>();
    const HiddenStates logits = model.logits(backend, ids, golden["rows"], golden["length"]);
    const auto expected = golden["logits"].get<std::vector<float>>();
    const double diff = fwdtest::maxAbsDiff(logits.data, expected);
    qInfo("%s: max |logit diff| vs transformers = %.3g", qPrintable(name), diff);
    QVERIFY2(diff < 1e-4, qPrintable(QString("max abs diff %1").arg(diff)));
}

namespace {

// Logits at the last position of one prompt.
std::vector<float> lastLogits(TransformerModel& model, Backend& backend, const std::vector<int32_t>& ids)
{
    const HiddenStates l = model.logits(backend, ids, 1, int64_t(ids.size()));
    const float* last = l.token(0, l.length - 1);
    return std::vector<float>(last, last + l.width);
}

void checkPrompts(const std::string& modelDir, bool keepFp32, double tolerance)
{
    const auto ref = readJson(exl2test::sharedDir() / "models" / "stories260k_reference_outputs.json");
    ForwardOptions options;
    options.keepFp32Weights = keepFp32;
    TransformerModel model = fwdtest::loadModel(exl2test::sharedDir() / "models" / modelDir, options);
    CpuBackend backend;
    for (const auto& p : ref["prompts"]) {
        const auto ids = p["ids"].get<std::vector<int32_t>>();
        const auto ours = lastLogits(model, backend, ids);
        const auto expected = p["last_logits"].get<std::vector<float>>();
        const double diff = fwdtest::maxAbsDiff(ours, expected);
        qInfo("%s, %zu ids: max |logit diff| = %.3g", modelDir.c_str(), ids.size(), diff);
        QVERIFY2(diff < tolerance, qPrintable(QString("max abs diff %1 (tolerance %2)").arg(diff).arg(tolerance)));
        QCOMPARE(std::max_element(ours.begin(), ours.end()) - ours.begin(),
                 std::max_element(expected.begin(), expected.end()) - expected.begin());
    }
}

}  // namespace

void TestForward::storiesLogitsF32()
{
    EXL2_REQUIRE_SHARED();
    checkPrompts("stories260k", true, 1e-4);
}

void TestForward::storiesLogitsF16()
{
    // fp16 weights (the converter's precision): the shared notes measured ≤ 1.7e-2 for an F16 checkpoint.
    EXL2_REQUIRE_SHARED();
    checkPrompts("stories260k", false, 2e-2);
    checkPrompts("stories260k-f16", false, 2e-2);
}

void TestForward::storiesGreedy()
{
    EXL2_REQUIRE_SHARED();
    const auto ref = readJson(exl2test::sharedDir() / "models" / "stories260k_reference_outputs.json");
    TransformerModel model = fwdtest::loadModel(exl2test::sharedDir() / "models" / "stories260k");
    CpuBackend backend;
    for (const auto& p : ref["prompts"]) {
        auto ids = p["ids"].get<std::vector<int32_t>>();
        const auto expected = p["greedy_next_16_ids"].get<std::vector<int32_t>>();
        for (int32_t want : expected) {
            const auto l = lastLogits(model, backend, ids);
            const int32_t next = int32_t(std::max_element(l.begin(), l.end()) - l.begin());
            QCOMPARE(next, want);
            ids.push_back(next);
        }
    }
}

void TestForward::storiesWindowsPerplexity()
{
    // The first 4 windows of the shared perplexity method; the shared json reports 4.25481 for them.
    EXL2_REQUIRE_SHARED();
    const auto w = readJson(fwdtest::dataDir() / "stories260k_windows.json");
    std::vector<int32_t> ids;
    for (const auto& row : w["ids"])
        for (int32_t id : row.get<std::vector<int32_t>>())
            ids.push_back(id);
    const int64_t rows = int64_t(w["ids"].size()), length = int64_t(w["ids"][0].size());
    const auto ref = readJson(exl2test::sharedDir() / "models" / "stories260k_reference_outputs.json");
    const double sharedPpl = ref["perplexity"]["llama2c_vs_hf_ppl_first_windows"][1];

    ForwardOptions options;
    options.keepFp32Weights = true;
    TransformerModel model = fwdtest::loadModel(exl2test::sharedDir() / "models" / "stories260k", options);
    CpuBackend backend;
    const NllSum nll = evaluateNll(model, backend, ids, rows, length, 2);
    QCOMPARE(nll.count, rows * (length - 1));
    qInfo("first %lld windows: ppl %.6f (transformers %.6f, shared reference %.6f)", (long long)rows,
          nll.perplexity(), w["ppl"].get<double>(), sharedPpl);
    QVERIFY(std::fabs(nll.perplexity() - w["ppl"].get<double>()) < 1e-4);
    QVERIFY(std::fabs(nll.perplexity() - sharedPpl) < 1e-4);
}

void TestForward::storiesTextPerplexity()
{
    // Text → our tokenizer → windows → perplexity, on the first 2048 tokens (8 windows) of the shared text,
    // against the shared reference's hf_f32/hf_f16 "first 2048 tokens" figures.
    EXL2_REQUIRE_SHARED();
    const auto dir = exl2test::sharedDir() / "models" / "stories260k";
    const auto ref = readJson(exl2test::sharedDir() / "models" / "stories260k_reference_outputs.json")["perplexity"];
    const Tokenizer tokenizer = Tokenizer::fromModelDir(dir);
    const std::string text = readFile(exl2test::sharedDir() / "data" / "tinystories_val_sample.txt");
    const auto stream = tokenizer.encode(joinParagraphs(text.substr(0, text.find("\n\n", 20000))), false);
    int64_t rows = 0;
    const auto ids = perplexityRows(stream, 256, 1, 8, rows);
    QCOMPARE(rows, int64_t(8));
    CpuBackend backend;
    for (bool fp32 : {true, false}) {
        ForwardOptions options;
        options.keepFp32Weights = fp32;
        TransformerModel model = fwdtest::loadModel(dir, options);
        const double ppl = evaluateNll(model, backend, ids, rows, 257, 4).perplexity();
        const double want = ref[fp32 ? "hf_f32_ppl_first_2048_tokens" : "hf_f16_ppl_first_2048_tokens"];
        qInfo("first 2048 tokens, %s weights: ppl %.6f (shared reference %.6f)", fp32 ? "fp32" : "fp16", ppl, want);
        QVERIFY(std::fabs(ppl - want) < 1e-4);
    }
}

QTEST_GUILESS_MAIN(TestForward)
#include "test_forward.moc"
