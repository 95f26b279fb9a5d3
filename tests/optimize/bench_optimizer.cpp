// Benchmark: exact solver vs the reference annealer on an 80-layer synthetic measurement (160 slots,
// 19/17 options). Prints seconds, objectives and their ratio. Sizing by environment: EXL2_BENCH_NORM_SAMPLES
// (default 10, i.e. 30 annealing runs; the reference uses 80 = 240 runs, ~1 min per target on one core),
// EXL2_BENCH_ANNEAL_ITER (default 1000, the reference) and EXL2_BENCH_LAYERS (default 80).
#include "optimize/exact_solver.h"
#include "optimize/optimizer.h"
#include "synthetic_measurement.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace {

int envInt(const char* name, int fallback)
{
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : fallback;
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU seconds of this process: on a shared, loaded machine the fairer figure (single-threaded code).
double cpuSince(std::clock_t c0) { return double(std::clock() - c0) / CLOCKS_PER_SEC; }

}  // namespace

int main()
{
    const int layers = envInt("EXL2_BENCH_LAYERS", 80);
    const auto problem = exl2::buildProblem(exl2test::syntheticMeasurement(layers, 2024));
    std::printf("bench_optimizer: %d layers, %zu slots, reachable %.4f..%.4f bpw\n", layers, problem.moduleSlots.size(),
                problem.minBpw(), problem.maxBpw());
    for (double bpw : {2.5, 4.125, 6.0}) {
        exl2::OptimizeSettings s;
        s.targetBpw = bpw;
        s.normSamples = envInt("EXL2_BENCH_NORM_SAMPLES", 10);
        s.anneal.iterations = envInt("EXL2_BENCH_ANNEAL_ITER", 1000);
        s.seed = 1;

        // One exact solve at a fixed norm: the figure for "an 80-layer model in well under a second".
        const double norm = 2.5;
        std::vector<std::vector<exl2::KnapsackItem>> groups;
        for (const auto& slot : problem.moduleSlots) {
            groups.emplace_back();
            for (size_t o = 0; o < slot.records.size(); ++o)
                groups.back().push_back({slot.cost(o), std::pow(slot.error(o), norm)});
        }
        auto t0 = std::chrono::steady_clock::now();
        auto c0 = std::clock();
        const auto single = exl2::solveKnapsackExact(groups, problem.budget(bpw));
        const double singleSec = secondsSince(t0), singleCpu = cpuSince(c0);

        s.method = exl2::OptimizeMethod::Exact;
        t0 = std::chrono::steady_clock::now();
        c0 = std::clock();
        const auto exact = exl2::optimizeAllocation(problem, s);
        const double exactSec = secondsSince(t0), exactCpu = cpuSince(c0);

        s.method = exl2::OptimizeMethod::Anneal;
        t0 = std::chrono::steady_clock::now();
        c0 = std::clock();
        const auto anneal = exl2::optimizeAllocation(problem, s);
        const double annealSec = secondsSince(t0), annealCpu = cpuSince(c0);

        // Compare both on the annealer's norm: exact optimum there vs what annealing found.
        for (auto& g : groups)
            g.clear();
        for (size_t i = 0; i < problem.moduleSlots.size(); ++i)
            for (size_t o = 0; o < problem.moduleSlots[i].records.size(); ++o)
                groups[i].push_back({problem.moduleSlots[i].cost(o), std::pow(problem.moduleSlots[i].error(o), anneal.errorNorm)});
        const auto exactAtAnnealNorm = exl2::solveKnapsackExact(groups, anneal.budget);

        std::printf("target %.3f bpw:\n", bpw);
        std::printf("  exact single solve (norm %.2f): %.4f s wall, %.4f s CPU, %zu DP states, gap to Lagrangian bound %.3g\n",
                    norm, singleSec, singleCpu, single.statesVisited, single.value - single.lowerBound);
        std::printf("  exact method (%d solves): %.3f s wall, %.3f s CPU, norm %.4f, sum(err^norm) %.8g, max err %.6f, sum log err %.4f, %.4f bpw\n",
                    2 * s.normSamples + 1, exactSec, exactCpu, exact.errorNorm, exact.objective, exact.maxErr, exact.sumLogErr, exact.bpw);
        std::printf("  anneal method (%d runs x %d iter): %.3f s wall, %.3f s CPU, norm %.4f, sum(err^norm) %.8g, max err %.6f, sum log err %.4f, %.4f bpw\n",
                    3 * s.normSamples, s.anneal.iterations, annealSec, annealCpu, anneal.errorNorm, anneal.objective, anneal.maxErr,
                    anneal.sumLogErr, anneal.bpw);
        std::printf("  at the annealer's norm: exact %.8g vs anneal %.8g, ratio exact/anneal %.6f; CPU time ratio anneal/exact %.1fx\n",
                    exactAtAnnealNorm.value, anneal.objective, exactAtAnnealNorm.value / anneal.objective, annealCpu / exactCpu);
    }
    return 0;
}
