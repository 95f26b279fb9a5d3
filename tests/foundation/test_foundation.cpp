// Foundation checks: the layering rule (no Qt in core/ or cuda/), fp16 conversion, the CPU backend's
// linear algebra against naive loops, and backend selection on a machine without a GPU.
#include "backend/cpu_backend.h"
#include "backend/registry.h"
#include "test_support.h"
#include "util/error.h"
#include "util/half.h"

#include <cmath>
#include <fstream>
#include <random>
#include <regex>

class TestFoundation : public QObject {
    Q_OBJECT
private slots:
    void coreAndCudaIncludeNoQt();
    void halfRoundTrip();
    void halfRounding_data();
    void halfRounding();
    void gemmMatchesNaive_data();
    void gemmMatchesNaive();
    void gramIsSymmetricProduct();
    void choleskyAndInverse();
    void choleskyRejectsIndefiniteAndNaN();
    void registryFallsBackToCpu();
    void registryRejectsBadRequests();
};

void TestFoundation::coreAndCudaIncludeNoQt()
{
    const std::regex qtInclude(R"(^\s*#\s*include\s*[<"](Q[A-Za-z]|qcustomplot))");
    int scanned = 0;
    for (const char* folder : {"core", "cuda"}) {
        const auto root = std::filesystem::path(EXL2_SOURCE_DIR) / folder;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            const auto ext = entry.path().extension().string();
            if (ext != ".h" && ext != ".cpp" && ext != ".cu" && ext != ".cuh")
                continue;
            ++scanned;
            std::ifstream in(entry.path());
            std::string line;
            int lineNo = 0;
            while (std::getline(in, line)) {
                ++lineNo;
                if (std::regex_search(line, qtInclude))
                    QFAIL(qPrintable(QString("%1:%2 includes Qt: %3")
                                         .arg(QString::fromStdString(entry.path().string()))
                                         .arg(lineNo)
                                         .arg(QString::fromStdString(line))));
            }
        }
    }
    QVERIFY(scanned > 5);
}

void TestFoundation::halfRoundTrip()
{
    for (uint32_t h = 0; h < 0x10000; ++h) {
        const float f = exl2::halfToFloat(uint16_t(h));
        if (std::isnan(f))
            continue;
        QCOMPARE(exl2::floatToHalf(f), uint16_t(h));
    }
}

void TestFoundation::halfRounding_data()
{
    QTest::addColumn<float>("input");
    QTest::addColumn<float>("expected");
    QTest::newRow("one") << 1.0f << 1.0f;
    QTest::newRow("tie-to-even-down") << 1.00048828125f << 1.0f;        // 1 + 2^-11: halfway, even is 1.0
    QTest::newRow("tie-to-even-up") << 1.00146484375f << 1.001953125f;   // 1 + 3·2^-11 -> 1 + 2^-9
    QTest::newRow("max") << 65504.0f << 65504.0f;
    QTest::newRow("overflow") << 65520.0f << INFINITY;
    QTest::newRow("smallest-subnormal") << 5.9604645e-8f << 5.9604645e-8f;
    QTest::newRow("below-half-subnormal") << 2.9e-8f << 0.0f;
    QTest::newRow("negative") << -2.5f << -2.5f;
}

void TestFoundation::halfRounding()
{
    QFETCH(float, input);
    QFETCH(float, expected);
    QCOMPARE(exl2::roundToHalf(input), expected);
}

void TestFoundation::gemmMatchesNaive_data()
{
    QTest::addColumn<bool>("transA");
    QTest::addColumn<bool>("transB");
    QTest::newRow("NN") << false << false;
    QTest::newRow("TN") << true << false;
    QTest::newRow("NT") << false << true;
    QTest::newRow("TT") << true << true;
}

void TestFoundation::gemmMatchesNaive()
{
    QFETCH(bool, transA);
    QFETCH(bool, transB);
    const int m = 7, n = 5, k = 9;
    std::mt19937 rng(1);
    std::normal_distribution<float> dist;
    std::vector<float> a(m * k), b(k * n), c(m * n, 1.0f), expected(m * n);
    for (auto& x : a) x = dist(rng);
    for (auto& x : b) x = dist(rng);
    auto A = [&](int i, int p) { return transA ? a[p * m + i] : a[i * k + p]; };
    auto B = [&](int p, int j) { return transB ? b[j * k + p] : b[p * n + j]; };
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j) {
            double s = 0;
            for (int p = 0; p < k; ++p) s += double(A(i, p)) * B(p, j);
            expected[i * n + j] = float(2.0 * s + 0.5);
        }
    exl2::CpuBackend cpu;
    cpu.gemm(transA, transB, m, n, k, 2.0f, a.data(), b.data(), 0.5f, c.data());
    for (int i = 0; i < m * n; ++i)
        QVERIFY2(std::fabs(c[i] - expected[i]) < 1e-4f, qPrintable(QString("element %1").arg(i)));
}

void TestFoundation::gramIsSymmetricProduct()
{
    const int rows = 11, n = 6;
    std::mt19937 rng(2);
    std::normal_distribution<float> dist;
    std::vector<float> x(rows * n), h(n * n, 0.0f);
    for (auto& v : x) v = dist(rng);
    exl2::CpuBackend cpu;
    cpu.accumulateGram(x.data(), rows, n, h.data());
    cpu.accumulateGram(x.data(), rows, n, h.data());
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            double s = 0;
            for (int r = 0; r < rows; ++r) s += double(x[r * n + i]) * x[r * n + j];
            QVERIFY(std::fabs(h[i * n + j] - 2 * s) < 1e-3);
        }
}

void TestFoundation::choleskyAndInverse()
{
    const int n = 5;
    std::vector<float> a(n * n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) a[i * n + j] = (i == j ? 4.0f : 0.0f) + 1.0f / float(1 + i + j);
    std::vector<float> l = a;
    exl2::CpuBackend cpu;
    QVERIFY(cpu.choleskyLower(l.data(), n));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            double s = 0;
            for (int p = 0; p < n; ++p) s += double(l[i * n + p]) * l[j * n + p];
            QVERIFY(std::fabs(s - a[i * n + j]) < 1e-5);
        }
    std::vector<float> inv = l;
    cpu.invertLowerTriangular(inv.data(), n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            double s = 0;
            for (int p = 0; p < n; ++p) s += double(inv[i * n + p]) * l[p * n + j];
            QVERIFY(std::fabs(s - (i == j ? 1.0 : 0.0)) < 1e-5);
        }
}

void TestFoundation::choleskyRejectsIndefiniteAndNaN()
{
    exl2::CpuBackend cpu;
    std::vector<float> indefinite{1, 2, 2, 1};
    QVERIFY(!cpu.choleskyLower(indefinite.data(), 2));
    std::vector<float> withNan{1, 0, 0, NAN};
    QVERIFY(!cpu.choleskyLower(withNan.data(), 2));
}

void TestFoundation::registryFallsBackToCpu()
{
    const auto choices = exl2::BackendRegistry::choices();
    QVERIFY(!choices.empty());
    QCOMPARE(QString::fromStdString(choices.front().id), QString("cpu"));
    bool cudaListed = false;
    for (const auto& c : choices)
        if (c.id.rfind("cuda", 0) == 0) {
            cudaListed = true;
            if (!c.available)
                QVERIFY(!c.unavailableReason.empty());
        }
    QVERIFY(cudaListed);
    auto backend = exl2::BackendRegistry::create("auto");
    QVERIFY(backend != nullptr);
    QVERIFY(!backend->info().name.empty());
}

void TestFoundation::registryRejectsBadRequests()
{
    QVERIFY_THROWS_EXCEPTION(exl2::Error, exl2::BackendRegistry::create("tpu"));
    QVERIFY_THROWS_EXCEPTION(exl2::Error, exl2::BackendRegistry::create("cuda:x"));
}

QTEST_GUILESS_MAIN(TestFoundation)
#include "test_foundation.moc"
