// Optimizer area: measurement.json in exllamav2's exact format (both directions, bad files), weight
// counts, the exact solver against brute force and against the reference annealer, pinning, reachable
// range, strategy files.
#include "optimize/exact_solver.h"
#include "optimize/measurement.h"
#include "optimize/measurement_json.h"
#include "optimize/optimizer.h"
#include "util/python_json.h"
#include "optimize/strategy.h"
#include "optimize/weight_counts.h"
#include "synthetic_measurement.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <functional>

using exl2::Error;
using exl2::ErrorCode;

namespace {

std::filesystem::path examplePath() { return exl2test::testDataDir() / "optimize" / "exllamav2_measurement_example.json"; }

// Runs fn, expects an exl2::Error with `code` whose message contains every fragment.
void expectError(const std::function<void()>& fn, ErrorCode code, const QStringList& fragments)
{
    try {
        fn();
    } catch (const Error& e) {
        QCOMPARE(int(e.code()), int(code));
        for (const auto& f : fragments)
            QVERIFY2(QString::fromStdString(e.what()).contains(f),
                     qPrintable(QString("message \"%1\" lacks \"%2\"").arg(e.what(), f)));
        return;
    }
    QFAIL("no exl2::Error thrown");
}

exl2::OptimizeSettings quickAnneal(double bpw, exl2::OptimizeMethod method)
{
    exl2::OptimizeSettings s;
    s.targetBpw = bpw;
    s.method = method;
    s.normSamples = 5;           // 15 annealing runs instead of 240 keeps the suite fast
    s.anneal.iterations = 150;   // same schedule (1975 temperature steps), fewer proposals each
    s.seed = 1234;
    return s;
}

}  // namespace

class TestOptimize : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pythonFloatRepr_data();
    void pythonFloatRepr();
    void pythonJsonLayout();
    void exampleRoundTripIsByteIdentical();
    void exampleContent();
    void oursRoundTrip();
    void parallelDecoderRoundTrip();
    void badMeasurement_data();
    void badMeasurement();
    void referenceCostFormula();
    void weightCountsRecovered();
    void exactMatchesBruteForce();
    void exactBeatsAnneal_data();
    void exactBeatsAnneal();
    void annealIsDeterministic();
    void pinning();
    void badPins();
    void unattainableTargets();
    void rangeWarnings();
    void strategyRoundTrip();
    void badStrategy();
    void summaryFormat();
};

void TestOptimize::pythonFloatRepr_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("python");
    QTest::newRow("plain") << 0.95 << "0.95";
    QTest::newRow("integral") << 1.0 << "1.0";
    QTest::newRow("small-exp") << 1e-06 << "1e-06";
    QTest::newRow("1e-4-fixed") << 0.0001 << "0.0001";
    QTest::newRow("mantissa-exp") << 1.5e-05 << "1.5e-05";
    QTest::newRow("1e16") << 1e16 << "1e+16";
    QTest::newRow("1e15-fixed") << 1e15 << "1000000000000000.0";
    QTest::newRow("shortest") << 0.1 + 0.2 << "0.30000000000000004";
    QTest::newRow("negative") << -2.5 << "-2.5";
    QTest::newRow("large-int") << 123456789.0 << "123456789.0";
    QTest::newRow("zero") << 0.0 << "0.0";
}

void TestOptimize::pythonFloatRepr()
{
    QFETCH(double, value);
    QFETCH(QString, python);
    QCOMPARE(QString::fromStdString(exl2::pythonFloatRepr(value)), python);
}

void TestOptimize::pythonJsonLayout()
{
    const auto v = nlohmann::ordered_json::parse(R"({"b": [1, 2.5, {}], "a": {"x": null, "é": []}, "s": "q\"\n"})");
    QCOMPARE(QString::fromStdString(exl2::dumpPythonJson(v)),
             QString("{\n    \"b\": [\n        1,\n        2.5,\n        {}\n    ],\n    \"a\": {\n        \"x\": null,\n"
                     "        \"\\u00e9\": []\n    },\n    \"s\": \"q\\\"\\n\"\n}"));
}

void TestOptimize::exampleRoundTripIsByteIdentical()
{
    const std::string original = exl2::readFile(examplePath());
    const auto m = exl2::parseMeasurement(original, examplePath().string());
    QCOMPARE(QString::fromStdString(exl2::measurementToJsonText(m)), QString::fromStdString(original));
}

void TestOptimize::exampleContent()
{
    const auto m = exl2::readMeasurement(examplePath());
    QCOMPARE(m.lastModuleIdx, int64_t(6));
    QCOMPARE(int(m.modules.size()), 6);
    QCOMPARE(m.modules[0].key, std::string("model.layers.0.self_attn"));
    QCOMPARE(int(m.modules[1].kind), int(exl2::MeasuredKind::Mlp));
    QCOMPARE(int(m.modules[4].kind), int(exl2::MeasuredKind::None));
    QCOMPARE(m.modules[5].key, std::string("lm_head.linear"));
    const auto& attn = m.modules[0].options;
    QCOMPARE(int(attn.size()), 3);
    QCOMPARE(attn[1].totalBits, uint64_t(214720));  // worked out by hand in the README
    QCOMPARE(attn[1].accuracy, 0.99125);
    QCOMPARE(attn[0].linears[0].first, std::string("q_proj"));
    QCOMPARE(attn[0].linears[0].second.description(), std::string("0.05:3b_64g/0.95:2b_64g s4"));
    QCOMPARE(attn[1].linears[3].second.description(), std::string("1:4b_128g s4"));
    const auto& down = m.modules[1].options[0].linears[2];
    QCOMPARE(down.first, std::string("down_proj"));
    QCOMPARE(down.second.groupSize, (std::vector<std::pair<int, int>>{{6, 32}, {3, 64}, {2, 64}}));
    QCOMPARE(down.second.bitsProp, (std::vector<double>{0.05, 0.2, 0.75}));
}

void TestOptimize::oursRoundTrip()
{
    const auto m = exl2test::syntheticMeasurement(5, 7);
    const auto dir = exl2test::scratchDir("optimize-roundtrip");
    exl2::writeMeasurement(dir / "measurement.json", m);
    const auto back = exl2::readMeasurement(dir / "measurement.json");
    QVERIFY(back == m);
    exl2::writeMeasurement(dir / "again.json", back);
    QCOMPARE(exl2::readFile(dir / "again.json"), exl2::readFile(dir / "measurement.json"));
    // What Python would print is also what nlohmann reads: same values through a foreign parser.
    const auto j = nlohmann::json::parse(exl2::readFile(dir / "measurement.json"));
    QCOMPARE(j["measurement"]["model.layers.3.mlp"][4]["accuracy"].get<double>(), m.modules[7].options[4].accuracy);
}

void TestOptimize::parallelDecoderRoundTrip()
{
    const auto dense = exl2test::syntheticMeasurement(2, 3, {256, 256, 512});
    exl2::Measurement m;
    for (int i = 0; i < 2; ++i)
        m.modules.push_back({"model.layers." + std::to_string(i) + ".parallel_decoder", exl2::MeasuredKind::ParallelDecoder,
                             dense.modules[size_t(2 * i)].options, dense.modules[size_t(2 * i + 1)].options});
    m.modules.push_back({"model.norm.norm", exl2::MeasuredKind::None, {}, {}});
    m.lastModuleIdx = 4;
    const auto text = exl2::measurementToJsonText(m);
    QVERIFY(text.find("\"parallel_decoder\"") == std::string::npos);
    QVERIFY(text.find("\"model.layers.1.parallel_decoder\": {\n            \"attn\": [") != std::string::npos);
    const auto back = exl2::parseMeasurement(text, "pd.json");
    QVERIFY(back == m);
    const auto p = exl2::buildProblem(back);
    QCOMPARE(int(p.moduleSlots.size()), 4);
    QCOMPARE(p.moduleSlots[2].key, std::string("model.layers.1.self_attn"));
    QCOMPARE(p.moduleSlots[3].key, std::string("model.layers.1.mlp"));
    QCOMPARE(p.moduleSlots[3].numel, exl2test::mlpNumel({256, 256, 512}));
}

void TestOptimize::badMeasurement_data()
{
    // Each row edits the reference example, then expects this message from the reader.
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("message");
    QTest::newRow("not-json") << "truncate" << "not valid JSON";
    QTest::newRow("no-measurement") << "drop-measurement" << "measurement: expected an object";
    QTest::newRow("no-last-idx") << "drop-last" << "last_module_idx: expected a non-negative integer";
    QTest::newRow("accuracy-string") << "accuracy-string"
                                     << "measurement[\"model.layers.1.mlp\"][2].accuracy: expected a number";
    QTest::newRow("accuracy-range") << "accuracy-range" << "measurement[\"model.layers.0.mlp\"][0].accuracy: expected a number from 0 to 1";
    QTest::newRow("total-bits-float") << "total-bits-float"
                                      << "measurement[\"model.layers.0.self_attn\"][1].total_bits: expected an integer";
    QTest::newRow("missing-linear") << "missing-linear" << "measurement[\"model.layers.1.self_attn\"][0].k_proj: missing";
    QTest::newRow("bits-prop-length") << "bits-prop-length"
                                      << "measurement[\"model.layers.0.self_attn\"][0].q_proj.bits_prop: expected a list of 2";
    QTest::newRow("bits-prop-sum") << "bits-prop-sum" << "q_proj.bits_prop: expected proportions summing to 1";
    QTest::newRow("group-size-key") << "group-size-key" << "o_proj.group_size[\"x\"]: expected a bit width as key";
    QTest::newRow("group-size-missing") << "group-size-missing" << "v_proj.group_size: no group size for 3-bit weights";
    QTest::newRow("records-not-list") << "records-not-list"
                                      << "measurement[\"model.layers.1.mlp\"]: expected a non-empty list of option records";
    QTest::newRow("norm-not-null") << "norm-not-null" << "measurement[\"model.norm.norm\"]: expected null";
    QTest::newRow("bits-range") << "bits-range" << "down_proj.bits[0]: expected a bit width from 1 to 8";
}

void TestOptimize::badMeasurement()
{
    QFETCH(QString, edit);
    QFETCH(QString, message);
    std::string text = exl2::readFile(examplePath());
    auto j = nlohmann::ordered_json::parse(text);
    auto& ms = j["measurement"];
    const std::string e = edit.toStdString();
    if (e == "truncate")
        text = text.substr(0, text.size() / 2);
    else if (e == "drop-measurement")
        j.erase("measurement");
    else if (e == "drop-last")
        j.erase("last_module_idx");
    else if (e == "accuracy-string")
        ms["model.layers.1.mlp"][2]["accuracy"] = "0.99";
    else if (e == "accuracy-range")
        ms["model.layers.0.mlp"][0]["accuracy"] = 1.5;
    else if (e == "total-bits-float")
        ms["model.layers.0.self_attn"][1]["total_bits"] = 214720.5;
    else if (e == "missing-linear")
        ms["model.layers.1.self_attn"][0].erase("k_proj");
    else if (e == "bits-prop-length")
        ms["model.layers.0.self_attn"][0]["q_proj"]["bits_prop"] = {1};
    else if (e == "bits-prop-sum")
        ms["model.layers.0.self_attn"][0]["q_proj"]["bits_prop"] = {0.5, 0.6};
    else if (e == "group-size-key")
        ms["model.layers.1.self_attn"][0]["o_proj"]["group_size"]["x"] = 32;
    else if (e == "group-size-missing")
        ms["model.layers.0.self_attn"][0]["v_proj"]["group_size"].erase("3");
    else if (e == "records-not-list")
        ms["model.layers.1.mlp"] = {{"accuracy", 0.9}};
    else if (e == "norm-not-null")
        ms["model.norm.norm"] = nlohmann::ordered_json::array();
    else if (e == "bits-range")
        ms["model.layers.0.mlp"][1]["down_proj"]["bits"][0] = 9;
    if (e != "truncate")
        text = j.dump(1);
    expectError([&] { exl2::parseMeasurement(text, "bad/measurement.json"); }, ErrorCode::Format,
                {"bad/measurement.json: ", message});
}

void TestOptimize::referenceCostFormula()
{
    // Llama-2-7B figures quoted in exl2-pipeline.md 4.15: attention row 18 and MLP row 16.
    uint64_t attn = 0, mlp = 0;
    for (auto [k, n] : {std::pair<int64_t, int64_t>{4096, 4096}, {4096, 4096}, {4096, 4096}, {4096, 4096}})
        attn += exl2::linearTotalBits(k, n, exl2test::qpFromDescription("1:8b_128g"));
    for (auto [k, n] : {std::pair<int64_t, int64_t>{4096, 11008}, {4096, 11008}, {11008, 4096}})
        mlp += exl2::linearTotalBits(k, n, exl2test::qpFromDescription("1:8b_128g"));
    QCOMPARE(attn, uint64_t(539498496));
    QCOMPARE(mlp, uint64_t(1086979104));
    // Hand-worked in tests/data/optimize/README.md: 1:4b_128g on 128x128 = 65536 + 48 + 512 + 4096.
    QCOMPARE(exl2::linearTotalBits(128, 128, exl2test::qpFromDescription("1:4b_128g")), uint64_t(70192));
}

void TestOptimize::weightCountsRecovered()
{
    const auto example = exl2::buildProblem(exl2::readMeasurement(examplePath()));
    QCOMPARE(example.moduleSlots[0].numel, uint64_t(49152));  // 2*128*128 + 2*128*64
    QCOMPARE(example.moduleSlots[1].numel, uint64_t(98304));  // 3*128*256
    for (auto shape : {exl2test::SyntheticShape{4096, 1024, 14336}, exl2test::SyntheticShape{2048, 2048, 5632},
                       exl2test::SyntheticShape{8192, 1024, 28672}}) {
        const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(2, 5, shape));
        QCOMPARE(p.moduleSlots[0].numel, exl2test::attnNumel(shape));
        QCOMPARE(p.moduleSlots[1].numel, exl2test::mlpNumel(shape));
    }
    // Given counts win; a wrong number of them is refused.
    const auto m = exl2test::syntheticMeasurement(2, 5);
    QCOMPARE(exl2::buildProblem(m, {1, 2, 3, 4}).numel(), uint64_t(10));
    expectError([&] { exl2::buildProblem(m, {1, 2}); }, ErrorCode::InvalidArgument, {"expected 4", "got 2"});
}

void TestOptimize::exactMatchesBruteForce()
{
    std::mt19937 rng(99);
    for (int trial = 0; trial < 400; ++trial) {
        const int groups = 2 + int(rng() % 4);
        std::vector<std::vector<exl2::KnapsackItem>> g(static_cast<size_t>(groups), std::vector<exl2::KnapsackItem>{});
        uint64_t minSum = 0, maxSum = 0;
        for (auto& items : g) {
            const int count = 1 + int(rng() % 5);
            uint64_t lo = UINT64_MAX, hi = 0;
            for (int i = 0; i < count; ++i) {
                // Half the trials use values spread over 12 decades, like err^norm at high norms.
                const double v = trial % 2 ? double(rng() % 1000) / 100.0 : std::pow(10.0, -double(rng() % 12000) / 1000.0);
                items.push_back({100 + rng() % 900, v});
                lo = std::min(lo, items.back().cost);
                hi = std::max(hi, items.back().cost);
            }
            minSum += lo;
            maxSum += hi;
        }
        const uint64_t cap = minSum + rng() % (maxSum - minSum + 1);
        // Enumerate every combination.
        double best = 1e300;
        std::vector<size_t> idx(g.size(), 0);
        while (true) {
            uint64_t c = 0;
            double v = 0;
            for (size_t k = 0; k < g.size(); ++k)
                c += g[k][idx[k]].cost, v += g[k][idx[k]].value;
            if (c <= cap)
                best = std::min(best, v);
            size_t k = 0;
            while (k < g.size() && ++idx[k] == g[k].size())
                idx[k++] = 0;
            if (k == g.size())
                break;
        }
        const auto sol = exl2::solveKnapsackExact(g, cap);
        QVERIFY(sol.cost <= cap);
        QVERIFY2(std::fabs(sol.value - best) <= 1e-9 * best, qPrintable(QString("trial %1: %2 vs %3").arg(trial).arg(sol.value).arg(best)));
        QVERIFY(sol.lowerBound <= best * (1 + 1e-9));
    }
    expectError([] { exl2::solveKnapsackExact({{{10, 1.0}}, {{10, 1.0}}}, 19); }, ErrorCode::InvalidArgument,
                {"20 bits", "budget of 19"});
}

void TestOptimize::exactBeatsAnneal_data()
{
    QTest::addColumn<int>("layers");
    QTest::addColumn<double>("bpw");
    for (int layers : {5, 32, 80})
        for (double bpw : {2.5, 4.0, 6.0})
            QTest::newRow(qPrintable(QString("%1-layers-%2bpw").arg(layers).arg(bpw))) << layers << bpw;
}

void TestOptimize::exactBeatsAnneal()
{
    QFETCH(int, layers);
    QFETCH(double, bpw);
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(layers, uint32_t(layers * 31 + 7)));
    const auto anneal = exl2::optimizeAllocation(p, quickAnneal(bpw, exl2::OptimizeMethod::Anneal));
    QVERIFY(anneal.totalBits <= anneal.budget);
    // Same norm as the annealer chose: the exact optimum can only be lower or equal.
    exl2::OptimizeSettings exactAtNorm = quickAnneal(bpw, exl2::OptimizeMethod::Exact);
    std::vector<std::vector<exl2::KnapsackItem>> groups;
    for (const auto& s : p.moduleSlots) {
        groups.emplace_back();
        for (size_t o = 0; o < s.records.size(); ++o)
            groups.back().push_back({s.cost(o), std::pow(s.error(o), anneal.errorNorm)});
    }
    const auto exact = exl2::solveKnapsackExact(groups, anneal.budget);
    QVERIFY(exact.cost <= anneal.budget);
    QVERIFY2(exact.value <= anneal.objective * (1 + 1e-12),
             qPrintable(QString("exact %1 > anneal %2").arg(exact.value, 0, 'g', 12).arg(anneal.objective, 0, 'g', 12)));
    // The full exact method (its own norm search) meets the budget and is optimal at the norm it picked.
    const auto full = exl2::optimizeAllocation(p, exactAtNorm);
    QVERIFY(full.totalBits <= full.budget);
    QCOMPARE(full.budget, anneal.budget);
    std::vector<int> annealChoice;
    for (const auto& s : anneal.choices)
        annealChoice.push_back(s.option);
    QVERIFY(full.objective <= exl2::allocationObjective(p, annealChoice, full.errorNorm) * (1 + 1e-12));
    qInfo("%d layers, %.2f bpw: anneal sum %.8g, exact sum %.8g (norm %.4f); max err anneal %.6f exact %.6f", layers, bpw,
          anneal.objective, exact.value, anneal.errorNorm, anneal.maxErr, full.maxErr);
}

void TestOptimize::annealIsDeterministic()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(5, 11));
    const auto a = exl2::optimizeAllocation(p, quickAnneal(3.5, exl2::OptimizeMethod::Anneal));
    const auto b = exl2::optimizeAllocation(p, quickAnneal(3.5, exl2::OptimizeMethod::Anneal));
    QCOMPARE(a.objective, b.objective);
    QCOMPARE(a.totalBits, b.totalBits);
    auto other = quickAnneal(3.5, exl2::OptimizeMethod::Anneal);
    other.seed = 99;
    QVERIFY(exl2::optimizeAllocation(p, other).totalBits <= a.budget);
}

void TestOptimize::pinning()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(8, 21));
    auto s = quickAnneal(3.0, exl2::OptimizeMethod::Exact);
    const auto free = exl2::optimizeAllocation(p, s);
    s.pins["model.layers.2.mlp"] = 16;  // the 8-bit option: the rest must give up bits
    s.pins["model.layers.5.self_attn"] = 0;
    const auto pinned = exl2::optimizeAllocation(p, s);
    QCOMPARE(pinned.choices[5].option, 16);
    QVERIFY(pinned.choices[5].pinned);
    QCOMPARE(pinned.choices[10].option, 0);
    QVERIFY(pinned.totalBits <= pinned.budget);
    uint64_t othersFree = 0, othersPinned = 0;
    for (size_t i = 0; i < p.moduleSlots.size(); ++i)
        if (i != 5 && i != 10)
            othersFree += free.choices[i].totalBits, othersPinned += pinned.choices[i].totalBits;
    QVERIFY2(othersPinned < othersFree, "unpinned modules did not re-balance");
    for (auto method : {exl2::OptimizeMethod::Anneal}) {
        auto sa = quickAnneal(3.0, method);
        sa.pins = s.pins;
        const auto a = exl2::optimizeAllocation(p, sa);
        QCOMPARE(a.choices[5].option, 16);
        QCOMPARE(a.choices[10].option, 0);
        QVERIFY(a.totalBits <= a.budget);
    }
}

void TestOptimize::badPins()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(3, 2));
    auto s = quickAnneal(4.0, exl2::OptimizeMethod::Exact);
    s.pins["model.layers.9.mlp"] = 1;
    expectError([&] { exl2::optimizeAllocation(p, s); }, ErrorCode::InvalidArgument, {"model.layers.9.mlp", "no such module"});
    s.pins.clear();
    s.pins["model.layers.1.mlp"] = 17;
    expectError([&] { exl2::optimizeAllocation(p, s); }, ErrorCode::InvalidArgument, {"option 17 out of range", "17 options"});
    // Pinning every module to 8 bits makes 3 bpw unreachable; the message gives the range with those pins.
    s.pins.clear();
    for (const auto& slot : p.moduleSlots)
        s.pins[slot.key] = int(slot.records.size()) - 1;
    s.targetBpw = 3.0;
    expectError([&] { exl2::optimizeAllocation(p, s); }, ErrorCode::InvalidArgument, {"with these pins", "reachable range is 8.0"});
}

void TestOptimize::unattainableTargets()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(4, 3));
    const QString range = QString("reachable range is %1 to %2 bpw").arg(p.minBpw(), 0, 'f', 4).arg(p.maxBpw(), 0, 'f', 4);
    QVERIFY(p.minBpw() > 2.0 && p.minBpw() < 2.4);
    QVERIFY(p.maxBpw() > 8.0 && p.maxBpw() < 8.1);
    for (double bpw : {1.5, 2.0, 9.0})
        for (auto method : {exl2::OptimizeMethod::Exact, exl2::OptimizeMethod::Anneal})
            expectError([&] { exl2::optimizeAllocation(p, quickAnneal(bpw, method)); }, ErrorCode::InvalidArgument,
                        {"not reachable", range});
    expectError([&] { exl2::optimizeAllocation(p, quickAnneal(-1, exl2::OptimizeMethod::Exact)); },
                ErrorCode::InvalidArgument, {"expected a positive number"});
}

void TestOptimize::rangeWarnings()
{
    // Attention's cheapest row is ~2.13 bpw, MLP's ~2.25: an attention-heavy shape reaches below 2.2.
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(4, 3, {8192, 8192, 1024}));
    QVERIFY2(p.minBpw() < 2.19, qPrintable(QString("min bpw %1").arg(p.minBpw())));
    const auto low = exl2::optimizeAllocation(p, quickAnneal(p.minBpw() + 0.005, exl2::OptimizeMethod::Exact));
    QCOMPARE(int(low.warnings.size()), 1);
    QVERIFY(QString::fromStdString(low.warnings[0]).contains("below 2.2"));
    const auto high = exl2::optimizeAllocation(p, quickAnneal(8.01, exl2::OptimizeMethod::Exact));
    QCOMPARE(int(high.warnings.size()), 1);
    QVERIFY(QString::fromStdString(high.warnings[0]).contains("above 8"));
    QVERIFY(exl2::optimizeAllocation(p, quickAnneal(4.0, exl2::OptimizeMethod::Exact)).warnings.empty());
}

void TestOptimize::strategyRoundTrip()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(6, 8));
    const auto a = exl2::optimizeAllocation(p, quickAnneal(4.125, exl2::OptimizeMethod::Exact));
    const auto strategy = exl2::strategyFromAllocation(p, a);
    const auto dir = exl2test::scratchDir("optimize-strategy");
    exl2::writeStrategy(dir / "strategy.json", strategy);
    const auto back = exl2::readStrategy(dir / "strategy.json");
    QVERIFY(back == strategy);
    std::vector<int> expected;
    for (const auto& s : a.choices)
        expected.push_back(s.option);
    QCOMPARE(exl2::choiceFromStrategy(p, back), expected);
    // Inside a job file, as the converter stores it.
    nlohmann::ordered_json job = {{"bits", 4.125}, {"strategy", exl2::strategyToJson(strategy)}};
    QCOMPARE(exl2::choiceFromStrategy(p, exl2::parseStrategy(job.dump(), "job_new.json")), expected);
    QVERIFY(exl2::strategyToJsonText(strategy).rfind("{\n    \"model.layers.0.self_attn\": {\n        \"accuracy\": ", 0) == 0);
}

void TestOptimize::badStrategy()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(2, 8));
    auto strategy = exl2::strategyFromAllocation(p, exl2::optimizeAllocation(p, quickAnneal(4.0, exl2::OptimizeMethod::Exact)));
    auto missing = strategy;
    missing.pop_back();
    expectError([&] { exl2::choiceFromStrategy(p, missing); }, ErrorCode::InvalidArgument, {"no record for module model.layers.1.mlp"});
    strategy[0].second.totalBits += 1;
    expectError([&] { exl2::choiceFromStrategy(p, strategy); }, ErrorCode::InvalidArgument,
                {"strategy[\"model.layers.0.self_attn\"]", "not one of the measured options"});
    expectError([] { exl2::parseStrategy(R"({"strategy": {"model.layers.0.mlp": {"accuracy": 0.9}}})", "job.json"); },
                ErrorCode::Format, {"job.json: strategy[\"model.layers.0.mlp\"].total_bits: missing"});
}

void TestOptimize::summaryFormat()
{
    const auto p = exl2::buildProblem(exl2::readMeasurement(examplePath()));
    exl2::OptimizeSettings s = quickAnneal(4.0, exl2::OptimizeMethod::Exact);
    const auto a = exl2::optimizeAllocation(p, s);
    const QString text = QString::fromStdString(exl2::formatAllocation(a));
    QVERIFY(text.contains(" -- Quantization strategy:\n"));
    QVERIFY(text.contains(QRegularExpression(" --   model.layers.1.mlp {33}\\d\\.\\d{4} bpw - exp. error: 0\\.\\d{8}\n")));
    QVERIFY(text.contains(" -- sum(log(err)): "));
    double logSum = 0;
    for (const auto& slot : a.choices)
        logSum += std::log(slot.error);
    QCOMPARE(a.sumLogErr, logSum);
    QVERIFY(a.totalBits <= a.budget);
    QCOMPARE(a.budget, uint64_t(double(2 * (49152 + 98304)) * 4.0));
}

QTEST_GUILESS_MAIN(TestOptimize)
#include "test_optimize.moc"
