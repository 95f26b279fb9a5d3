// The optimizer's fast path for the allocation inspector: a fixed error norm (one exact solve) and
// cancelling a running norm search.
#include "optimize/optimizer.h"
#include "synthetic_measurement.h"
#include "test_support.h"
#include "util/error.h"

using exl2::Error;
using exl2::ErrorCode;

class TestOptimizeFastPath : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixedNormReproducesFinalStage_data();
    void fixedNormReproducesFinalStage();
    void fixedNormKeepsPinsAndBudget();
    void badFixedNorm();
    void cancelStopsSearch();
    void stateBudget();
};

void TestOptimizeFastPath::fixedNormReproducesFinalStage_data()
{
    QTest::addColumn<double>("target");
    QTest::newRow("2.5") << 2.5;
    QTest::newRow("4.125") << 4.125;
    QTest::newRow("6.0") << 6.0;
}

// Stage 3 of the exact method is one solve at the chosen norm: asking for that norm directly must give
// the same allocation with one solve instead of 2S + 1.
void TestOptimizeFastPath::fixedNormReproducesFinalStage()
{
    QFETCH(double, target);
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(12, 7));
    exl2::OptimizeSettings s;
    s.targetBpw = target;
    s.normSamples = 12;
    int fullSolves = 0;
    s.progress = [&](int, int) { ++fullSolves; };
    const auto full = exl2::optimizeAllocation(p, s);
    QCOMPARE(fullSolves, 2 * 12 + 1);
    s.fixedNorm = full.errorNorm;
    int fastSolves = 0;
    s.progress = [&](int done, int total) {
        ++fastSolves;
        QCOMPARE(total, 1);
        QCOMPARE(done, 1);
    };
    const auto fast = exl2::optimizeAllocation(p, s);
    QCOMPARE(fastSolves, 1);
    QCOMPARE(fast.errorNorm, full.errorNorm);
    QCOMPARE(fast.totalBits, full.totalBits);
    for (size_t i = 0; i < full.choices.size(); ++i)
        QCOMPARE(fast.choices[i].option, full.choices[i].option);
    QCOMPARE(fast.objective, full.objective);
}

void TestOptimizeFastPath::fixedNormKeepsPinsAndBudget()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(8, 21));
    exl2::OptimizeSettings s;
    s.targetBpw = 3.0;
    s.fixedNorm = 2.5;
    const auto free = exl2::optimizeAllocation(p, s);
    QVERIFY(free.totalBits <= free.budget);
    s.pins["model.layers.2.mlp"] = 16;
    const auto pinned = exl2::optimizeAllocation(p, s);
    QCOMPARE(pinned.choices[5].option, 16);
    QVERIFY(pinned.choices[5].pinned);
    QVERIFY(pinned.totalBits <= pinned.budget);
    uint64_t othersFree = 0, othersPinned = 0;
    for (size_t i = 0; i < p.moduleSlots.size(); ++i)
        if (i != 5)
            othersFree += free.choices[i].totalBits, othersPinned += pinned.choices[i].totalBits;
    QVERIFY2(othersPinned < othersFree, "unpinned modules did not re-balance");
    // The objective at a fixed norm is the exact optimum: no allocation of the full search beats it there.
    s.pins.clear();
    s.fixedNorm.reset();
    s.normSamples = 6;
    const auto full = exl2::optimizeAllocation(p, s);
    std::vector<int> fullChoice;
    for (const auto& c : full.choices)
        fullChoice.push_back(c.option);
    std::vector<int> freeChoice;
    for (const auto& c : free.choices)
        freeChoice.push_back(c.option);
    QVERIFY(exl2::allocationObjective(p, freeChoice, 2.5) <= exl2::allocationObjective(p, fullChoice, 2.5) * (1 + 1e-12));
}

void TestOptimizeFastPath::badFixedNorm()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(3, 2));
    exl2::OptimizeSettings s;
    s.targetBpw = 4.0;
    s.fixedNorm = 0.0;
    try {
        exl2::optimizeAllocation(p, s);
        QFAIL("no error for a zero norm");
    } catch (const Error& e) {
        QCOMPARE(int(e.code()), int(ErrorCode::InvalidArgument));
        QVERIFY(QString(e.what()).contains("fixed error norm"));
    }
}

void TestOptimizeFastPath::cancelStopsSearch()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(6, 3));
    exl2::OptimizeSettings s;
    s.targetBpw = 4.0;
    int solves = 0;
    s.progress = [&](int, int) { ++solves; };
    s.cancelled = [&] { return solves >= 3; };
    try {
        exl2::optimizeAllocation(p, s);
        QFAIL("the search was not cancelled");
    } catch (const Error& e) {
        QCOMPARE(int(e.code()), int(ErrorCode::Cancelled));
    }
    QCOMPARE(solves, 3);
}

// Past the DP state budget the solve returns the Lagrangian incumbent: feasible, unproven, near-optimal.
void TestOptimizeFastPath::stateBudget()
{
    const auto p = exl2::buildProblem(exl2test::syntheticMeasurement(20, 9));
    exl2::OptimizeSettings s;
    s.targetBpw = 4.125;
    s.fixedNorm = 2.5;
    const auto exact = exl2::optimizeAllocation(p, s);
    QVERIFY(exact.proven);
    s.maxDpStates = 1;
    const auto capped = exl2::optimizeAllocation(p, s);
    QVERIFY(!capped.proven);
    QVERIFY(capped.totalBits <= capped.budget);
    QVERIFY(capped.objective >= exact.objective * (1 - 1e-12));
    QVERIFY2(capped.objective <= exact.objective * 1.01,
             qPrintable(QString("incumbent %1 vs optimum %2").arg(capped.objective).arg(exact.objective)));
    s.maxDpStates = 100000000;
    const auto roomy = exl2::optimizeAllocation(p, s);
    QVERIFY(roomy.proven);
    for (size_t i = 0; i < exact.choices.size(); ++i)
        QCOMPARE(roomy.choices[i].option, exact.choices[i].option);
}

QTEST_GUILESS_MAIN(TestOptimizeFastPath)
#include "test_optimize_fastpath.moc"
