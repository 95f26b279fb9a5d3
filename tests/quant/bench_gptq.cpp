// GPTQ benchmark (label bench): Hessian, prepare (damping + inverse factor) and quantization of a
// 4096×4096 layer (K in × N out) at 4 bits, group 128, from 2048 calibration rows, against one OpenBLAS
// 4096³ sgemm timed in the same run. EXL2_BENCH_BIG=1 adds the 11008×4096 (in×out) down_proj shape;
// EXL2_BENCH_K / EXL2_BENCH_N override the default shape. Prints figures; asserts nothing about time.
#include "backend/cpu_backend.h"
#include "quant/exl2_reader.h"
#include "quant/gptq.h"
#include "test_support.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <random>

using namespace exl2;

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int64_t envInt(const char* name, int64_t fallback)
{
    const char* v = std::getenv(name);
    return v ? std::atoll(v) : fallback;
}

}  // namespace

class BenchGptq : public QObject {
    Q_OBJECT
private slots:
    void gptq();

private:
    void runCase(CpuBackend& cpu, int64_t k, int64_t n, double sgemmSeconds, GptqWorkspace& ws);
    std::vector<float> m_scratch; // prepareHessian's K×K buffer, kept as a pipeline would
};

void BenchGptq::runCase(CpuBackend& cpu, int64_t k, int64_t n, double sgemmSeconds, GptqWorkspace& ws)
{
    const int64_t tokens = 2048;
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(tokens * k)), w(static_cast<size_t>(n * k));
    for (int64_t i = 0; i < k; ++i) { // uneven channel scales, like real activations
        const float gain = 0.2f + float(i % 13) * 0.3f;
        for (int64_t t = 0; t < tokens; ++t)
            x[t * k + i] = normal(rng) * gain;
    }
    for (auto& v : w)
        v = normal(rng) * 0.02f;

    double t0 = now();
    HessianAccumulator acc(k);
    for (int64_t r = 0; r < tokens; r += 512)
        acc.addBatch(cpu, x.data() + r * k, 512);
    std::vector<float> h = acc.averaged();
    const double tHessian = now() - t0;

    t0 = now();
    const PreparedHessian p = prepareHessian(cpu, std::move(h), k, "bench", {}, true, &m_scratch);
    const double tPrepare = now() - t0;

    const QParams qp(128, {4}, {1.0});
    QuantizeOptions opt;
    opt.selfCheck = false;
    t0 = now();
    QuantizedLinear q = quantizeLinear(cpu, w.data(), n, k, nullptr, p, qp, opt, &ws);
    const double tColdQuant = now() - t0;
    t0 = now();
    q = quantizeLinear(cpu, w.data(), n, k, nullptr, p, qp, opt, &ws); // buffers reused
    const double tQuant = now() - t0;
    t0 = now();
    const DequantizedExl2 check = dequantizeExl2(q.packed, "bench"); // the §6.6 self-check's main cost
    const double tSelfCheck = now() - t0;
    double diff = 0.0;
    for (int64_t c = 0; c < n; ++c)
        for (int64_t i = 0; i < k; ++i)
            diff = std::max(diff, double(std::fabs(check.weight[c * k + i] - q.dequantized[c * k + i])));

    // Useful flops: factor (reversed Cholesky + triangular inverse ≈ 2K³/3), lazy block updates plus
    // in-group updates (≈ K²·N), Hessian ssyrk (T·K²).
    const double kd = double(k), nd = double(n);
    const double fPrepare = 2.0 * kd * kd * kd / 3.0;
    const double fQuant = kd * kd * nd;
    const double fHessian = double(tokens) * kd * kd;
    const double whole = tPrepare + tQuant;
    qInfo("GPTQ K=%lld (in) x N=%lld (out), 4 bits group 128, %lld calibration rows, %s",
          (long long)k, (long long)n, (long long)tokens, cpu.info().name.c_str());
    qInfo("  Hessian accumulate   %7.3f s  %7.1f GFLOP/s", tHessian, fHessian / tHessian * 1e-9);
    qInfo("  prepare (damp+factor)%7.3f s  %7.1f GFLOP/s", tPrepare, fPrepare / tPrepare * 1e-9);
    qInfo("  quantize (warm)      %7.3f s  %7.1f GFLOP/s   (cold, fresh buffers: %.3f s)", tQuant,
          fQuant / tQuant * 1e-9, tColdQuant);
    qInfo("    scale search share %7.3f s  = %.0f %% of quantize", q.scaleSearchSeconds,
          100.0 * q.scaleSearchSeconds / tQuant);
    qInfo("  self-check dequantize%7.3f s (max diff %g)", tSelfCheck, diff);
    qInfo("  GPTQ prepare+quantize %6.3f s  %7.1f GFLOP/s = %.2f x one 4096^3 sgemm (goal <= 3)", whole,
          (fPrepare + fQuant) / whole * 1e-9, whole / sgemmSeconds);
    qInfo("  with Hessian          %6.3f s  = %.2f x one 4096^3 sgemm", whole + tHessian,
          (whole + tHessian) / sgemmSeconds);
    QCOMPARE(diff, 0.0);
}

void BenchGptq::gptq()
{
    CpuBackend cpu;
    const int64_t s = 4096;
    std::vector<float> a(static_cast<size_t>(s * s), 0.5f), b(static_cast<size_t>(s * s), 0.25f), c(static_cast<size_t>(s * s), 0.0f);
    double best = 1e9;
    for (int i = 0; i < 2; ++i) { // the first run also warms up OpenBLAS's buffers
        const double t0 = now();
        cpu.gemm(false, false, s, s, s, 1.0f, a.data(), b.data(), 0.0f, c.data());
        best = std::min(best, now() - t0);
    }
    qInfo("OpenBLAS sgemm 4096^3: %.3f s, %.1f GFLOP/s (OPENBLAS_CORETYPE=%s)", best,
          2.0 * double(s) * s * s / best * 1e-9, std::getenv("OPENBLAS_CORETYPE") ? std::getenv("OPENBLAS_CORETYPE") : "unset");
    a = {};
    b = {};
    c = {};
    GptqWorkspace ws;
    runCase(cpu, envInt("EXL2_BENCH_K", 4096), envInt("EXL2_BENCH_N", 4096), best, ws);
    if (std::getenv("EXL2_BENCH_BIG"))
        runCase(cpu, 11008, 4096, best, ws);
    else
        qInfo("(set EXL2_BENCH_BIG=1 to add the 11008 (in) x 4096 (out) case)");
}

QTEST_GUILESS_MAIN(BenchGptq)
#include "bench_gptq.moc"
