// Runs every Backend op on the CPU backend (the reference) and on the CUDA backend and compares the
// results with a named tolerance per op. Without a GPU every case is reported as skipped with the reason.
// This file: the linear-algebra ops and main(); parity_forward.cpp and parity_quant.cpp add the rest.
#include "parity_cases.h"

#include "backend/cpu_backend.h"
#include "backend/registry.h"
#include "util/error.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace exl2parity {

namespace {

// Tolerances: relative max-abs error against the CPU result, scaled by the result's magnitude.
constexpr double kGemmTolerance = 1e-5;      // fp32 GEMM, different summation order
constexpr double kGramTolerance = 1e-5;      // fp32 SYRK
constexpr double kCholeskyTolerance = 1e-4;  // fp32 factorisation of a well-conditioned matrix
constexpr double kInverseTolerance = 1e-4;   // triangular inverse of that factor

}  // namespace

std::vector<float> randomMatrix(size_t count, uint32_t seed, bool normal)
{
    std::mt19937 rng(seed);
    std::vector<float> v(count);
    if (normal) {
        std::normal_distribution<float> dist(0.0f, 1.0f);
        for (auto& x : v) x = dist(rng);
    } else {
        std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
        for (auto& x : v) x = dist(rng);
    }
    return v;
}

double relativeError(const std::vector<float>& reference, const std::vector<float>& other)
{
    if (reference.size() != other.size())
        return INFINITY;
    double maxAbs = 0, maxDiff = 0;
    for (size_t i = 0; i < reference.size(); ++i) {
        maxAbs = std::max(maxAbs, double(std::fabs(reference[i])));
        maxDiff = std::max(maxDiff, double(std::fabs(reference[i] - other[i])));
        if (!std::isfinite(other[i]))
            return INFINITY;
    }
    return maxDiff / std::max(maxAbs, 1e-30);
}

std::vector<float> spdMatrix(int64_t n, uint32_t seed)
{
    exl2::CpuBackend cpu;
    const auto x = randomMatrix(size_t(2 * n * n), seed);
    std::vector<float> h(size_t(n * n), 0.0f);
    cpu.accumulateGram(x.data(), 2 * n, n, h.data());
    for (int64_t i = 0; i < n; ++i) h[size_t(i * n + i)] += float(n) * 0.01f;
    return h;
}

void requireAccelerated(bool ran, const std::string& op)
{
    if (!ran)
        throw exl2::Error(exl2::ErrorCode::Backend, op + ": the CUDA backend declined inside its limits");
}

std::vector<Case> linearAlgebraCases()
{
    std::vector<Case> list;
    for (auto [m, n, k] : {std::tuple{64, 48, 80}, std::tuple{1024, 1024, 1024}, std::tuple{2048, 512, 4096}})
        for (int t = 0; t < 4; ++t) {
            const bool ta = t & 1, tb = t & 2;
            list.push_back({"gemm " + std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k) +
                                (ta ? " A^T" : "") + (tb ? " B^T" : ""),
                            kGemmTolerance, [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                                const auto a = randomMatrix(size_t(m) * k, 1), b = randomMatrix(size_t(k) * n, 2);
                                auto c0 = randomMatrix(size_t(m) * n, 3), c1 = c0;
                                cpu.gemm(ta, tb, m, n, k, 0.7f, a.data(), b.data(), 0.3f, c0.data());
                                gpu.gemm(ta, tb, m, n, k, 0.7f, a.data(), b.data(), 0.3f, c1.data());
                                return relativeError(c0, c1);
                            }});
        }
    for (int n : {32, 172, 4096})
        list.push_back({"accumulateGram 2048x" + std::to_string(n), kGramTolerance, [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                            const auto x = randomMatrix(size_t(2048) * n, 4);
                            std::vector<float> h0(size_t(n) * n, 0.5f), h1 = h0;
                            cpu.accumulateGram(x.data(), 2048, n, h0.data());
                            gpu.accumulateGram(x.data(), 2048, n, h1.data());
                            return relativeError(h0, h1);
                        }});
    for (int n : {64, 172, 1024})
        list.push_back({"choleskyLower " + std::to_string(n), kCholeskyTolerance, [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                            auto a0 = spdMatrix(n, 5), a1 = a0;
                            if (!cpu.choleskyLower(a0.data(), n) || !gpu.choleskyLower(a1.data(), n))
                                return double(INFINITY);
                            return relativeError(a0, a1);
                        }});
    list.push_back({"choleskyLower rejects NaN", 0.0, [](exl2::Backend&, exl2::Backend& gpu) {
                        auto a = spdMatrix(16, 6);
                        a[17] = NAN;
                        return gpu.choleskyLower(a.data(), 16) ? 1.0 : 0.0;
                    }});
    list.push_back({"choleskyLower rejects indefinite", 0.0, [](exl2::Backend&, exl2::Backend& gpu) {
                        std::vector<float> a{1, 2, 2, 1};
                        return gpu.choleskyLower(a.data(), 2) ? 1.0 : 0.0;
                    }});
    for (int n : {64, 1024})
        list.push_back({"invertLowerTriangular " + std::to_string(n), kInverseTolerance, [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                            auto l = spdMatrix(n, 7);
                            cpu.choleskyLower(l.data(), n);
                            auto l0 = l, l1 = l;
                            cpu.invertLowerTriangular(l0.data(), n);
                            gpu.invertLowerTriangular(l1.data(), n);
                            return relativeError(l0, l1);
                        }});
    list.push_back({"out-of-memory names the buffer and free memory", 0.0, [](exl2::Backend&, exl2::Backend& gpu) {
                        float dummy = 0.0f;
                        try { // 2^19 × 2^19 floats = 1 TiB for operand A
                            gpu.gemm(false, false, int64_t(1) << 19, 1, int64_t(1) << 19, 1.0f, &dummy, &dummy, 0.0f,
                                     &dummy);
                        } catch (const exl2::Error& e) {
                            const std::string what = e.what();
                            std::printf("      message: %s\n", what.c_str());
                            return what.find("gemm operand A") != std::string::npos &&
                                           what.find("MiB free") != std::string::npos
                                       ? 0.0
                                       : 1.0;
                        }
                        return 1.0;
                    }});
    return list;
}

}  // namespace exl2parity

int main()
{
    using exl2parity::Case;
    std::vector<Case> all = exl2parity::linearAlgebraCases();
    for (auto&& more : {exl2parity::forwardCases(), exl2parity::quantCases()})
        all.insert(all.end(), more.begin(), more.end());
    std::unique_ptr<exl2::Backend> gpu;
    std::string reason;
    try {
        gpu = exl2::BackendRegistry::create("cuda");
    } catch (const exl2::Error& e) {
        reason = e.what();
    }
    int passed = 0, failed = 0, skipped = 0;
    if (!gpu) {
        for (const auto& c : all) {
            std::printf("SKIP  %-48s no GPU: %s\n", c.name.c_str(), reason.c_str());
            ++skipped;
        }
    } else {
        std::printf("device: %s\n", gpu->info().name.c_str());
        exl2::CpuBackend cpu;
        for (const auto& c : all) {
            double err = INFINITY;
            std::string error;
            try {
                err = c.run(cpu, *gpu);
            } catch (const std::exception& e) {
                error = e.what();
            }
            const bool ok = error.empty() && err <= c.tolerance;
            std::printf("%s  %-48s error %.3g (tolerance %.1g)%s%s\n", ok ? "PASS" : "FAIL", c.name.c_str(), err,
                        c.tolerance, error.empty() ? "" : ": ", error.c_str());
            std::fflush(stdout);
            (ok ? passed : failed)++;
        }
    }
    std::printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed == 0 ? 0 : 1;
}
