// Exact multiple-choice knapsack: pick one item per group minimising the summed value under a cost cap.
// Lagrangian relaxation gives a lower bound and a good incumbent; a sparse dynamic programme over
// Pareto-optimal (cost, value) partial solutions, pruned by that bound, proves the optimum.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace exl2 {

struct KnapsackItem {
    uint64_t cost = 0;
    double value = 0;
};

struct KnapsackSolution {
    std::vector<int> choice;  // index into each group's items
    double value = 0;
    uint64_t cost = 0;
    double lowerBound = 0;    // Lagrangian bound (value - lowerBound = the relaxation's gap)
    size_t statesVisited = 0; // partial solutions kept by the DP, for the benchmark
    bool proven = true;       // false: the state budget ran out and `choice` is the Lagrangian incumbent
};

// Throws Error(InvalidArgument) when even the cheapest item of every group exceeds `capacity`,
// or when a group is empty. maxStates > 0 bounds the work: once the DP has kept more states than that, the
// feasible incumbent (greedy LP solution plus single upgrades, within the reported bound) is returned
// unproven. 0 = no limit (always optimal).
KnapsackSolution solveKnapsackExact(const std::vector<std::vector<KnapsackItem>>& groups, uint64_t capacity,
                                    size_t maxStates = 0);

}  // namespace exl2
