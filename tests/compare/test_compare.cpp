// Unit tests of core/optimize/compare*: option matching by recipe, per-module and summary differences
// (checked against sums computed here from the records), the same-model check, and side-by-side allocations.
#include "optimize/compare.h"
#include "optimize/compare_allocation.h"
#include "synthetic_measurement.h"
#include "test_support.h"
#include "util/error.h"

#include <cmath>

using namespace exl2;

namespace {

exl2test::SyntheticShape smallShape() { return {512, 128, 1536}; }

OptimizerProblem problemOf(int layers, uint32_t seed, exl2test::SyntheticShape shape = smallShape())
{
    return buildProblem(exl2test::syntheticMeasurement(layers, seed, shape));
}

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestCompare : public QObject {
    Q_OBJECT
private slots:
    void identicalFilesAgree();
    void differencesMatchRecords();
    void optionsInOneFileOnly();
    void recipeNamesEveryLinear();
    void differentModelsRefused_data();
    void differentModelsRefused();
    void allocationsSideBySide();
    void allocationTargetOutOfRange();
};

void TestCompare::identicalFilesAgree()
{
    const auto p = problemOf(3, 7);
    QVERIFY(modelDifferences(p, p, "a.json", "b.json").empty());
    const auto c = compareMeasurements(p, p, "a.json", "b.json");
    QCOMPARE(c.modules.size(), p.moduleSlots.size());
    QCOMPARE(c.summary.sharedOptions, 3 * (19 + 17));
    QCOMPARE(c.summary.onlyInA + c.summary.onlyInB, 0);
    QCOMPARE(c.summary.maxAbsDiff, 0.0);
    QCOMPARE(c.summary.rmsDiff, 0.0);
    QVERIFY(c.summary.correlation);
    QVERIFY(std::fabs(*c.summary.correlation - 1.0) < 1e-12);
    QVERIFY(std::fabs(*c.summary.errorRatio - 1.0) < 1e-12);
}

void TestCompare::differencesMatchRecords()
{
    // Same shapes, different noise seeds: the same recipes in the same order, other accuracies.
    const auto a = problemOf(4, 1), b = problemOf(4, 2);
    const auto c = compareMeasurements(a, b, "a.json", "b.json");
    QCOMPARE(c.modules.size(), size_t(8));
    double sum = 0, sumAbs = 0, sumSq = 0, maxAbs = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    int n = 0;
    double worstMean = -1;
    std::string worstKey;
    for (size_t s = 0; s < a.moduleSlots.size(); ++s) {
        const auto& ra = a.moduleSlots[s].records;
        const auto& rb = b.moduleSlots[s].records;
        QCOMPARE(c.modules[s].key, a.moduleSlots[s].key);
        QCOMPARE(c.modules[s].sharedOptions, int(ra.size()));
        double modAbs = 0, modMax = 0, modSum = 0;
        for (size_t o = 0; o < ra.size(); ++o) {
            const double d = rb[o].accuracy - ra[o].accuracy;
            modSum += d;
            modAbs += std::fabs(d);
            modMax = std::max(modMax, std::fabs(d));
            sum += d;
            sumAbs += std::fabs(d);
            sumSq += d * d;
            maxAbs = std::max(maxAbs, std::fabs(d));
            sx += ra[o].accuracy;
            sy += rb[o].accuracy;
            sxx += ra[o].accuracy * ra[o].accuracy;
            syy += rb[o].accuracy * rb[o].accuracy;
            sxy += ra[o].accuracy * rb[o].accuracy;
            ++n;
        }
        QVERIFY(std::fabs(c.modules[s].meanAbsDiff - modAbs / double(ra.size())) < 1e-12);
        QVERIFY(std::fabs(c.modules[s].meanDiff - modSum / double(ra.size())) < 1e-12);
        QCOMPARE(c.modules[s].maxAbsDiff, modMax);
        if (modAbs / double(ra.size()) > worstMean) {
            worstMean = modAbs / double(ra.size());
            worstKey = a.moduleSlots[s].key;
        }
        // Options come sorted by cost and carry bpw = bits / weights.
        for (size_t o = 1; o < c.modules[s].options.size(); ++o)
            QVERIFY(c.modules[s].options[o - 1].totalBits <= c.modules[s].options[o].totalBits);
        const auto& first = c.modules[s].options.front();
        QCOMPARE(first.bpw, double(first.totalBits) / double(a.moduleSlots[s].numel));
    }
    QVERIFY(maxAbs > 0);
    QVERIFY(std::fabs(c.summary.meanDiff - sum / n) < 1e-12);
    QVERIFY(std::fabs(c.summary.meanAbsDiff - sumAbs / n) < 1e-12);
    QVERIFY(std::fabs(c.summary.rmsDiff - std::sqrt(sumSq / n)) < 1e-12);
    QCOMPARE(c.summary.maxAbsDiff, maxAbs);
    const double r = (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    QVERIFY(c.summary.correlation);
    QVERIFY(std::fabs(*c.summary.correlation - r) < 1e-9);
    QCOMPARE(c.modules[size_t(c.summary.byDisagreement.front())].key, worstKey);
    for (size_t i = 1; i < c.summary.byDisagreement.size(); ++i)
        QVERIFY(c.modules[size_t(c.summary.byDisagreement[i - 1])].meanAbsDiff >=
                c.modules[size_t(c.summary.byDisagreement[i])].meanAbsDiff);
}

void TestCompare::optionsInOneFileOnly()
{
    auto a = problemOf(2, 3);
    auto b = a;
    // B lacks A's last MLP option of layer 0 and has one recipe A never measured.
    auto& mlpB = b.moduleSlots[1].records;
    const OptionRecord dropped = mlpB.back();
    mlpB.pop_back();
    OptionRecord extra = mlpB.front();
    extra.linears[0].second.scaleBits = 5;
    extra.totalBits += 1;
    extra.accuracy = 0.5;
    mlpB.push_back(extra);
    b.moduleSlots[1].records[0].accuracy -= 0.01;

    const auto c = compareMeasurements(a, b, "a.json", "b.json");
    const auto& m = c.modules[1];
    QCOMPARE(m.onlyInA, 1);
    QCOMPARE(m.onlyInB, 1);
    QCOMPARE(m.sharedOptions, 16);
    QVERIFY(std::fabs(m.maxAbsDiff - 0.01) < 1e-12);
    QVERIFY(std::fabs(m.meanDiff + 0.01 / 16) < 1e-12);
    QCOMPARE(c.summary.onlyInA, 1);
    QCOMPARE(c.summary.onlyInB, 1);
    QCOMPARE(c.summary.maxKey, std::string("model.layers.0.mlp"));
    int seenA = 0, seenB = 0;
    for (const auto& o : m.options) {
        if (o.recipe == optionRecipe(dropped))
            seenA += (o.accuracyA && !o.accuracyB) ? 1 : 100;
        if (o.recipe == optionRecipe(extra))
            seenB += (o.accuracyB && !o.accuracyA && *o.accuracyB == 0.5) ? 1 : 100;
    }
    QCOMPARE(seenA, 1);
    QCOMPARE(seenB, 1);
}

void TestCompare::recipeNamesEveryLinear()
{
    const auto p = problemOf(1, 1);
    const std::string r = optionRecipe(p.moduleSlots[0].records[0]);
    QCOMPARE(r, std::string("q_proj 0.05:3b_64g/0.95:2b_64g s4; k_proj 0.05:3b_64g/0.95:2b_64g s4; "
                            "v_proj 0.05:3b_64g/0.95:2b_64g s4; o_proj 0.05:3b_64g/0.95:2b_64g s4"));
}

void TestCompare::differentModelsRefused_data()
{
    QTest::addColumn<int>("layersB");
    QTest::addColumn<int>("hiddenB");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("more layers") << 5 << 512 << "8 decoder modules in a.json, 10 in b.json; model.layers.4.self_attn only in b.json";
    QTest::newRow("other widths") << 4 << 1024 << "model.layers.0.self_attn: 655,360 weights in a.json, 2,359,296 in b.json";
}

void TestCompare::differentModelsRefused()
{
    QFETCH(int, layersB);
    QFETCH(int, hiddenB);
    QFETCH(QString, phrase);
    const auto a = problemOf(4, 1);
    const auto b = problemOf(layersB, 1, {hiddenB, 128, 1536});
    QVERIFY(!modelDifferences(a, b, "a.json", "b.json").empty());
    const QString msg = errorOf([&] { compareMeasurements(a, b, "a.json", "b.json"); });
    QVERIFY2(msg.startsWith("b.json measures a different model than a.json: "), qPrintable(msg));
    QVERIFY2(msg.contains(phrase), qPrintable(msg));
    QVERIFY(!errorOf([&] { compareAllocations(a, b, 4.0, "a.json", "b.json"); }).isEmpty());
}

void TestCompare::allocationsSideBySide()
{
    const auto a = problemOf(4, 1), b = problemOf(4, 2);
    const auto c = compareAllocations(a, b, 4.0, "a.json", "b.json");
    const auto ownA = allocateAtTarget(a, 4.0), ownB = allocateAtTarget(b, 4.0);
    QCOMPARE(c.modules.size(), a.moduleSlots.size());
    QVERIFY(c.a.bpw <= 4.0 && c.b.bpw <= 4.0);
    int differing = 0;
    double sumAbs = 0, aUnderB = 0, bUnderA = 0;
    for (size_t s = 0; s < c.modules.size(); ++s) {
        QCOMPARE(c.a.choices[s].option, ownA.choices[s].option);
        QCOMPARE(c.b.choices[s].option, ownB.choices[s].option);
        QCOMPARE(c.modules[s].bpwA, ownA.choices[s].bpw);
        QCOMPARE(c.modules[s].errorB, ownB.choices[s].error);
        // Same tables in the same order in both files: option index identifies the recipe.
        const bool same = ownA.choices[s].option == ownB.choices[s].option;
        QCOMPARE(c.modules[s].sameRecipe, same);
        differing += same ? 0 : 1;
        sumAbs += std::fabs(ownB.choices[s].bpw - ownA.choices[s].bpw);
        aUnderB += b.moduleSlots[s].error(size_t(ownA.choices[s].option));
        bUnderA += a.moduleSlots[s].error(size_t(ownB.choices[s].option));
    }
    QCOMPARE(c.differingModules, differing);
    QVERIFY(std::fabs(c.meanAbsBpwDiff - sumAbs / double(c.modules.size())) < 1e-12);
    QVERIFY(std::fabs(*c.errorOfAUnderB - aUnderB) < 1e-12);
    QVERIFY(std::fabs(*c.errorOfBUnderA - bUnderA) < 1e-12);
}

void TestCompare::allocationTargetOutOfRange()
{
    const auto a = problemOf(2, 1);
    const QString msg = errorOf([&] { compareAllocations(a, a, 1.0, "a.json", "a.json"); });
    QVERIFY2(msg.contains("range") || msg.contains("reach"), qPrintable(msg));
}

QTEST_GUILESS_MAIN(TestCompare)
#include "test_compare.moc"
