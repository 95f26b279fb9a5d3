// The reference optimizer's inner search: simulated annealing over one option per slot under a bit
// budget (exllamav2 sim_anneal), made deterministic by an explicit seeded generator.
#pragma once

#include "optimize/problem.h"

#include <cstdint>
#include <random>
#include <vector>

namespace exl2 {

struct AnnealParams {
    double initialTemp = 2.0;      // anneal_temp_max
    double coolingFactor = 0.995;  // anneal_cooling_factor
    double minTemp = 0.0001;       // anneal_temp_min
    int iterations = 1000;         // proposals per temperature step (anneal_iter)
};

struct AnnealRun {
    std::vector<int> choice;  // option index per slot
    double sum = 0;           // sum of err^norm over slots
    uint64_t cost = 0;        // bits
    double maxErr = 0;
};

// One annealing run minimising sum(err^norm) with cost <= budget, starting from the cheapest option of
// every slot. pinned[s] >= 0 fixes slot s to that option (never proposed for change).
AnnealRun simulatedAnneal(const OptimizerProblem& p, uint64_t budget, double norm, const std::vector<int>& pinned,
                          const AnnealParams& params, std::mt19937& rng);

}  // namespace exl2
