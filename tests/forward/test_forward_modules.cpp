// Module-level behaviour the pipeline relies on: module order and keys, activation observers, weight
// overrides, MoE routing, fp16 rounding of loaded weights, and clear errors for bad input.
#include "forward_test_util.h"

#include "backend/cpu_backend.h"
#include "forward/blocks.h"
#include "forward/perplexity.h"
#include "util/error.h"
#include "util/half.h"

#include <QtTest>

#include <set>

using namespace exl2;

class TestForwardModules : public QObject {
    Q_OBJECT
private slots:
    void moduleOrder();
    void observerSeesLinearInputs();
    void overridesReplaceLinears();
    void routing();
    void weightsRoundedToFp16();
    void badInputErrors();
    void textPreparation_data();
    void textPreparation();
    void perplexityWindows();
};

namespace {

std::filesystem::path tiny(const char* name) { return fwdtest::dataDir() / "models" / name; }

HiddenStates embedded(TransformerModel& m, int64_t rows, int64_t length)
{
    std::vector<int32_t> ids(size_t(rows * length));
    for (size_t i = 0; i < ids.size(); ++i)
        ids[i] = int32_t((i * 7 + 3) % size_t(m.config().vocabSize));
    return m.embed(ids, rows, length);
}

}  // namespace

void TestForwardModules::moduleOrder()
{
    TransformerModel qwen = fwdtest::loadModel(tiny("qwen2"));
    const auto mods = qwen.modules();
    QCOMPARE(mods.size(), size_t(2 * 2 + 3));
    QCOMPARE(mods[0].kind, ModuleKind::Embedding);
    QCOMPARE(mods[1].key, std::string("model.layers.0.self_attn"));
    QCOMPARE(mods[1].moduleKey, std::string("model.layers.0"));
    QCOMPARE(mods[2].key, std::string("model.layers.0.mlp"));
    QCOMPARE(mods[4].mode, std::string("mlp"));
    QCOMPARE(mods[5].kind, ModuleKind::FinalNorm);
    QCOMPARE(mods[6].key, std::string("lm_head"));
    for (size_t i = 0; i < mods.size(); ++i)
        QCOMPARE(mods[i].index, int(i));

    TransformerModel mix = fwdtest::loadModel(tiny("mixtral"));
    const auto m = mix.modules();
    QCOMPARE(m[2].kind, ModuleKind::Moe);
    QCOMPARE(m[2].key, std::string("model.layers.0.block_sparse_moe"));
    const auto lin = mix.linears(m[2]);
    QCOMPARE(lin.size(), size_t(4 * 3));
    QCOMPARE(lin[0].key, std::string("model.layers.0.block_sparse_moe.experts.0.w1"));

    TransformerModel phi = fwdtest::loadModel(tiny("phi3"));
    const auto pl = phi.linears(phi.modules()[1]);
    QCOMPARE(pl.size(), size_t(4));
    QCOMPARE(pl[1].key, std::string("model.layers.0.self_attn.k_proj"));
    QCOMPARE(pl[1].weights->outFeatures, int64_t(16));  // 2 KV heads × 8 split from the fused qkv_proj
}

void TestForwardModules::observerSeesLinearInputs()
{
    TransformerModel model = fwdtest::loadModel(tiny("qwen2"));
    CpuBackend backend;
    const auto mods = model.modules();
    HiddenStates s = embedded(model, 2, 9);
    const int64_t tokens = s.tokens();

    std::map<std::string, std::pair<const float*, int64_t>> seen;
    std::vector<float> downInput;
    ActivationObserver obs;
    obs.linearInput = [&](const std::string& key, const float* x, int64_t t, int64_t features) {
        QCOMPARE(t, tokens);
        seen[key] = {x, features};
        if (key.ends_with("down_proj"))
            downInput.assign(x, x + t * features);
    };
    model.forwardModule(backend, mods[1], s, nullptr, &obs);
    QCOMPARE(seen.size(), size_t(4));
    QCOMPARE(seen["model.layers.0.self_attn.q_proj"].first, seen["model.layers.0.self_attn.v_proj"].first);
    QCOMPARE(seen["model.layers.0.self_attn.o_proj"].second, int64_t(32));

    // MLP: output − input must equal down_proj applied to what the observer saw (Qwen2 has no post-norm).
    const std::vector<float> before = s.data;
    model.forwardModule(backend, mods[2], s, nullptr, &obs);
    QCOMPARE(seen["model.layers.0.mlp.down_proj"].second, int64_t(48));
    const LinearWeights& down = *model.linears(mods[2])[2].weights;
    std::vector<float> y(size_t(tokens * 32));
    applyLinear(backend, down, downInput.data(), tokens, y.data());
    double maxDiff = 0;
    for (size_t i = 0; i < y.size(); ++i)
        maxDiff = std::max(maxDiff, double(std::fabs(s.data[i] - before[i] - y[i])));
    QVERIFY2(maxDiff < 1e-5, qPrintable(QString::number(maxDiff)));
}

void TestForwardModules::overridesReplaceLinears()
{
    TransformerModel model = fwdtest::loadModel(tiny("qwen3"));
    CpuBackend backend;
    const ModuleRef attn = model.modules()[1];
    const HiddenStates in = embedded(model, 1, 8);

    HiddenStates plain = in;
    model.forwardModule(backend, attn, plain);

    WeightOverrides same;
    for (const auto& l : model.linears(attn))
        same.linears[l.key] = *l.weights;
    HiddenStates withSame = in;
    model.forwardModule(backend, attn, withSame, &same);
    QCOMPARE(fwdtest::maxAbsDiff(plain.data, withSame.data), 0.0);

    // Zeroing o_proj removes the attention branch: the module becomes the identity.
    WeightOverrides zeroO;
    LinearWeights o = *model.linears(attn)[3].weights;
    std::fill(o.weight.begin(), o.weight.end(), 0.0f);
    zeroO.linears["model.layers.0.self_attn.o_proj"] = o;
    HiddenStates zeroed = in;
    model.forwardModule(backend, attn, zeroed, &zeroO);
    QCOMPARE(fwdtest::maxAbsDiff(zeroed.data, in.data), 0.0);
    QVERIFY(fwdtest::maxAbsDiff(plain.data, in.data) > 1e-3);
}

void TestForwardModules::routing()
{
    // Two tokens, four experts: top-2 renormalised softmax; ties go to the lower index.
    const std::vector<float> logits = {0.f, 1.f, 2.f, 3.f, 5.f, 1.f, 1.f, 5.f};
    const Routing r = routeTokens(logits.data(), 2, 4, 2);
    QCOMPARE(r.experts, (std::vector<int32_t>{3, 2, 0, 3}));
    const double w3 = std::exp(3.0) / (std::exp(3.0) + std::exp(2.0));
    QVERIFY(std::fabs(r.weights[0] - w3) < 1e-6);
    QVERIFY(std::fabs(r.weights[0] + r.weights[1] - 1.0) < 1e-6);
    QVERIFY(std::fabs(r.weights[2] - 0.5) < 1e-6);
}

void TestForwardModules::weightsRoundedToFp16()
{
    // A source whose values are not fp16-representable: loaded weights are rounded unless keepFp32Weights.
    const auto dir = tiny("qwen2");
    const ModelConfig config = loadModelConfig(dir);
    auto reader = std::make_shared<const SafetensorsReader>(SafetensorsReader::open(dir));
    TensorSource nudged = safetensorsSource(reader);
    auto load = nudged.load;
    nudged.load = [load](const std::string& name, std::vector<int64_t>& shape) {
        auto v = load(name, shape);
        for (float& x : v)
            x += 1e-4f;
        return v;
    };
    for (bool keep : {false, true}) {
        ForwardOptions o;
        o.keepFp32Weights = keep;
        TransformerModel model = TransformerModel::load(config, nudged, o);
        const LinearWeights& q = *model.linears(model.modules()[1])[0].weights;
        int notHalf = 0;
        for (float x : q.weight)
            notHalf += roundToHalf(x) != x;
        QCOMPARE(notHalf > 0, keep);
    }
}

void TestForwardModules::badInputErrors()
{
    TransformerModel model = fwdtest::loadModel(tiny("qwen2"));
    try {
        model.embed({1, 2, 64}, 1, 3);
        QFAIL("an out-of-vocabulary id must throw");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        QVERIFY(std::string(e.what()).find("64") != std::string::npos);
    }

    const auto dir = tiny("qwen2");
    const ModelConfig config = loadModelConfig(dir);
    auto reader = std::make_shared<const SafetensorsReader>(SafetensorsReader::open(dir));
    TensorSource missing = safetensorsSource(reader);
    auto contains = missing.contains;
    missing.contains = [contains](const std::string& n) { return n != "model.layers.1.mlp.up_proj.weight" && contains(n); };
    TransformerModel broken = TransformerModel::load(config, missing);
    CpuBackend backend;
    HiddenStates s = embedded(broken, 1, 4);
    try {
        broken.forwardModule(backend, broken.modules()[4], s);
        QFAIL("a missing tensor must throw");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Model);
        QVERIFY(std::string(e.what()).find("model.layers.1.mlp.up_proj.weight") != std::string::npos);
    }

    ModelConfig wrong = config;
    wrong.intermediateSize = 40;
    TransformerModel misshaped = TransformerModel::load(wrong, safetensorsSource(reader));
    try {
        misshaped.linears(misshaped.modules()[2]);
        QFAIL("a wrongly shaped tensor must throw");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Model);
        QVERIFY(std::string(e.what()).find("[48, 32], expected [40, 32]") != std::string::npos);
    }
}

void TestForwardModules::textPreparation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("joined");
    QTest::newRow("blank lines") << "One.\n\nTwo.\n\nThree.\n" << "One.\nTwo.\nThree.";
    QTest::newRow("runs of blank lines") << "\n\nOne.\n\n\n\nTwo.\n\n" << "One.\nTwo.";
    QTest::newRow("crlf and space-only lines") << "One.\r\n  \r\nTwo." << "One.\nTwo.";
    QTest::newRow("single newline stays inside") << "a\nb\n\nc" << "a\nb\nc";
    QTest::newRow("trailing spaces kept") << "a \n\nb" << "a \nb";
    QTest::newRow("empty") << "" << "";
}

void TestForwardModules::textPreparation()
{
    QFETCH(QString, text);
    QFETCH(QString, joined);
    QCOMPARE(QString::fromStdString(joinParagraphs(text.toStdString())), joined);
}

void TestForwardModules::perplexityWindows()
{
    const std::vector<int32_t> stream = {10, 11, 12, 13, 14, 15, 16};
    int64_t rows = 0;
    QCOMPARE(perplexityRows(stream, 3, 1, 0, rows), (std::vector<int32_t>{1, 10, 11, 12, 1, 13, 14, 15}));
    QCOMPARE(rows, int64_t(2));
    QCOMPARE(perplexityRows(stream, 3, std::nullopt, 1, rows), (std::vector<int32_t>{10, 11, 12}));
    QCOMPARE(rows, int64_t(1));
    QCOMPARE(perplexityRows(stream, 8, 1, 0, rows).size(), size_t(0));
    QVERIFY_THROWS_EXCEPTION(Error, perplexityRows(stream, 1, std::nullopt, 0, rows));

    // NLL of hand-made logits: uniform over 4 → log 4 per predicted token.
    HiddenStates logits(1, 3, 4);
    const NllSum s{tokenNll(logits, {0, 1, 2})[0] + tokenNll(logits, {0, 1, 2})[1], 2};
    QVERIFY(std::fabs(s.meanNll() - std::log(4.0)) < 1e-12);
    QVERIFY(std::fabs(s.perplexity() - 4.0) < 1e-9);
}

QTEST_GUILESS_MAIN(TestForwardModules)
#include "test_forward_modules.moc"
