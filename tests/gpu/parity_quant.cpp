// Parity cases of the quantizer: the Hessian factor with damping retries (Cholesky + inverse on the device)
// and the whole GPTQ / round-to-nearest pass of a layer (scale search, coding, error feedback). The CPU
// side is quantizeLinear on the CPU backend; the GPU side is the same call on the CUDA backend.
#include "parity_cases.h"

#include "backend/cpu_backend.h"
#include "quant/gptq.h"
#include "quant/group_schedule.h"
#include "quant/hessian.h"
#include "util/error.h"

#include <cmath>
#include <cstdio>

namespace exl2parity {

namespace {

constexpr double kFactorTolerance = 1e-3;   // fp32 Cholesky and triangular inverse of a damped Hessian
constexpr double kExactTolerance = 0.0;     // same float steps in the same order: bit-identical
constexpr double kGptqLossTolerance = 5e-3; // relative difference of tr((W−Q)·H·(W−Q)ᵀ); GEMM order flips codes

// A calibration-like Hessian: Gram of correlated activations, averaged.
std::vector<float> hessianFor(int64_t k, uint32_t seed)
{
    exl2::CpuBackend cpu;
    const int64_t rows = 2 * k;
    auto x = randomMatrix(size_t(rows * k), seed, true);
    for (int64_t r = 0; r < rows; ++r) // a few loud channels, as real activations have
        for (int64_t c = 0; c < k; c += 17)
            x[size_t(r * k + c)] *= 8.0f;
    std::vector<float> h(size_t(k * k), 0.0f);
    cpu.accumulateGram(x.data(), rows, k, h.data());
    for (auto& v : h) v /= float(rows);
    return h;
}

exl2::PreparedHessian prepare(exl2::Backend& backend, int64_t k, uint32_t seed, bool factor)
{
    return exl2::prepareHessian(backend, hessianFor(k, seed), k, "parity", {}, factor);
}

// tr(D·H·Dᵀ) for D = weight − dequantized (n×k), on the CPU.
double proxyLoss(const std::vector<float>& weight, const std::vector<float>& dq, const std::vector<float>& h,
                 int64_t n, int64_t k)
{
    exl2::CpuBackend cpu;
    std::vector<float> d(weight.size()), dh(weight.size());
    for (size_t i = 0; i < d.size(); ++i) d[i] = weight[i] - dq[i];
    cpu.gemm(false, false, n, k, k, 1.0f, d.data(), h.data(), 0.0f, dh.data());
    double sum = 0.0;
    for (size_t i = 0; i < d.size(); ++i) sum += double(d[i]) * double(dh[i]);
    return sum;
}

double shareDiffering(const std::vector<float>& a, const std::vector<float>& b)
{
    size_t differ = 0;
    for (size_t i = 0; i < a.size(); ++i) differ += a[i] != b[i] ? 1 : 0;
    return double(differ) / double(std::max<size_t>(1, a.size()));
}

Case rtnCase(int64_t n, int64_t k, exl2::QParams qp, const std::string& label)
{
    return {"quantizeLinear RTN " + label + " " + std::to_string(n) + "x" + std::to_string(k) + " bit-exact",
            kExactTolerance, [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                const auto w = randomMatrix(size_t(n * k), 21, true);
                const exl2::PreparedHessian ph = prepare(cpu, k, 22, false);
                exl2::QuantizeOptions o;
                o.roundToNearest = true;
                const auto a = exl2::quantizeLinear(cpu, w.data(), n, k, nullptr, ph, qp, o);
                const auto b = exl2::quantizeLinear(gpu, w.data(), n, k, nullptr, ph, qp, o);
                double grid = a.gridIndex == b.gridIndex ? 0.0 : 1.0;
                return grid + relativeError(a.dequantized, b.dequantized);
            }};
}

// GPTQ: the first group sees no propagated error, so it must match bit for bit; the rest within the loss
// tolerance (the block update's SGEMM sums in another order than OpenBLAS).
Case gptqCase(int64_t n, int64_t k, exl2::QParams qp, const std::string& label, bool firstGroupOnly)
{
    const std::string what = firstGroupOnly ? " first group bit-exact" : " proxy loss";
    return {"quantizeLinear GPTQ " + label + " " + std::to_string(n) + "x" + std::to_string(k) + what,
            firstGroupOnly ? kExactTolerance : kGptqLossTolerance, [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                const auto w = randomMatrix(size_t(n * k), 23, true);
                const auto h = hessianFor(k, 24);
                const exl2::PreparedHessian ph = exl2::prepareHessian(cpu, h, k, "parity", {}, true);
                const auto a = exl2::quantizeLinear(cpu, w.data(), n, k, nullptr, ph, qp);
                const auto b = exl2::quantizeLinear(gpu, w.data(), n, k, nullptr, ph, qp);
                std::printf("      values differing: %.4f%%, grid indices equal: %s, self-check diff %g\n",
                            100.0 * shareDiffering(a.dequantized, b.dequantized),
                            a.gridIndex == b.gridIndex ? "all" : "not all", b.selfCheckMaxDiff);
                if (firstGroupOnly) {
                    const exl2::GroupSchedule s = exl2::makeGroupSchedule(qp, k);
                    const exl2::QuantGroup& g = s.groups.front();
                    double diff = a.gridIndex.front() == b.gridIndex.front() ? 0.0 : 1.0;
                    for (int64_t c = 0; c < n; ++c)
                        for (int64_t r = g.firstRow; r < g.firstRow + g.rows; ++r) {
                            const size_t i = size_t(c * k + ph.perm[size_t(r)]);
                            diff = std::max(diff, double(std::fabs(a.dequantized[i] - b.dequantized[i])));
                        }
                    return diff;
                }
                const double la = proxyLoss(w, a.dequantized, h, n, k), lb = proxyLoss(w, b.dequantized, h, n, k);
                std::printf("      proxy loss CPU %.6g, CUDA %.6g\n", la, lb);
                return std::fabs(la - lb) / std::max(la, 1e-30);
            }};
}

}  // namespace

std::vector<Case> quantCases()
{
    std::vector<Case> list;
    for (int64_t k : {int64_t(256), int64_t(1024)})
        list.push_back({"prepareHessian factor " + std::to_string(k), kFactorTolerance,
                        [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                            const auto a = prepare(cpu, k, 31, true), b = prepare(gpu, k, 31, true);
                            if (a.perm != b.perm || a.dampingAttempts != b.dampingAttempts)
                                return double(INFINITY);
                            return relativeError(a.u, b.u);
                        }});
    list.push_back({"prepareHessian damping retries (indefinite)", kFactorTolerance,
                    [](exl2::Backend& cpu, exl2::Backend& gpu) {
                        const int64_t k = 64; // 2×2 blocks [[1, 2], [2, 1]]: eigenvalue −1 needs 9 dampings of 0.12
                        std::vector<float> h(size_t(k * k), 0.0f);
                        for (int64_t i = 0; i < k; ++i) h[size_t(i * k + i)] = 1.0f;
                        for (int64_t i = 0; i < k; i += 2) h[size_t(i * k + i + 1)] = h[size_t((i + 1) * k + i)] = 2.0f;
                        const auto a = exl2::prepareHessian(cpu, h, k, "indefinite", {}, true);
                        const auto b = exl2::prepareHessian(gpu, h, k, "indefinite", {}, true);
                        std::printf("      damping attempts CPU %d, CUDA %d\n", a.dampingAttempts, b.dampingAttempts);
                        if (a.dampingAttempts != b.dampingAttempts)
                            return double(INFINITY);
                        return relativeError(a.u, b.u);
                    }});
    list.push_back({"prepareHessian rejects NaN after 10 attempts", 0.0, [](exl2::Backend&, exl2::Backend& gpu) {
                        auto h = hessianFor(32, 32);
                        h[5] = NAN;
                        try {
                            exl2::prepareHessian(gpu, h, 32, "nan", {}, true);
                        } catch (const exl2::Error& e) {
                            return e.code() == exl2::ErrorCode::Numerical ? 0.0 : 1.0;
                        }
                        return 1.0;
                    }});
    list.push_back({"quantizeLayer declines a gap in the groups", 0.0, [](exl2::Backend&, exl2::Backend& gpu) {
                        std::vector<float> w(64 * 32, 0.5f);
                        const exl2::QuantGroupSpec groups[2] = {{0, 32, 4}, {40, 24, 4}};
                        exl2::LayerQuantRequest r;
                        r.w = w.data();
                        r.k = 64;
                        r.np = 32;
                        r.groups = groups;
                        r.groupCount = 2;
                        std::vector<uint8_t> codes(w.size()), qscale(64);
                        std::vector<float> qd(w.size()), qmax(2);
                        std::vector<int32_t> grid(2);
                        exl2::LayerQuantResult out{codes.data(), qd.data(), qscale.data(), qmax.data(), grid.data()};
                        return gpu.quantizeLayer(r, out) ? 1.0 : 0.0;
                    }});
    const exl2::QParams q4(32, {4}, {1.0});
    const exl2::QParams mixed(std::vector<int>{32, 64, 64}, {8, 4, 3}, {0.1, 0.4, 0.5});
    const exl2::QParams low(64, {3, 2}, {0.25, 0.75});
    list.push_back(rtnCase(256, 512, q4, "4b g32"));
    list.push_back(rtnCase(1000, 1024, mixed, "8/4/3b"));
    list.push_back(gptqCase(256, 512, q4, "4b g32", true));
    list.push_back(gptqCase(600, 1024, mixed, "8/4/3b", true));
    list.push_back(gptqCase(256, 512, q4, "4b g32", false));
    list.push_back(gptqCase(1000, 1024, mixed, "8/4/3b", false));
    list.push_back(gptqCase(2048, 2048, low, "3/2b", false));
    list.push_back(gptqCase(4096, 4096, q4, "4b g32 (Llama-2-7B q_proj)", false));
    list.push_back({"quantizeLinear GPTQ resident factor replaced", kGptqLossTolerance,
                    [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                        const int64_t n = 128, k = 256;
                        const auto w = randomMatrix(size_t(n * k), 41, true);
                        const auto h1 = hessianFor(k, 42), h2 = hessianFor(k, 43);
                        const auto p1 = exl2::prepareHessian(cpu, h1, k, "first", {}, true);
                        const auto p2 = exl2::prepareHessian(cpu, h2, k, "second", {}, true);
                        exl2::quantizeLinear(gpu, w.data(), n, k, nullptr, p1, q4); // makes p1's U resident
                        const auto a = exl2::quantizeLinear(cpu, w.data(), n, k, nullptr, p2, q4);
                        const auto b = exl2::quantizeLinear(gpu, w.data(), n, k, nullptr, p2, q4);
                        const double la = proxyLoss(w, a.dequantized, h2, n, k);
                        const double lb = proxyLoss(w, b.dequantized, h2, n, k);
                        return std::fabs(la - lb) / std::max(la, 1e-30);
                    }});
    return list;
}

}  // namespace exl2parity
