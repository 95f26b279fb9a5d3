// The allocations two measurements of one model would produce at the same target, side by side: each
// file optimized on its own (exact method), then module by module what differs, and each choice scored
// with the other file's accuracies to show what trusting the wrong measurement would cost.
#pragma once

#include "optimize/compare.h"
#include "optimize/optimizer.h"

#include <optional>
#include <string>
#include <vector>

namespace exl2 {

// optimizeAllocation with OptimizeSettings{targetBpw, OptimizeMethod::Exact}. Throws like it does
// (a target outside the file's reachable range names the range).
Allocation allocateAtTarget(const OptimizerProblem& problem, double targetBpw);

struct ModuleAllocationDiff {
    std::string key;
    double bpwA = 0, bpwB = 0;      // chosen in each file's own allocation
    double errorA = 0, errorB = 0;  // 1 - accuracy of that choice, as its own file measured it
    bool sameRecipe = false;
};

struct AllocationComparison {
    Allocation a, b;
    std::vector<ModuleAllocationDiff> modules;  // in A's order
    int differingModules = 0;                   // modules where the recipes differ
    double meanAbsBpwDiff = 0;                  // mean |bpwB - bpwA| over modules
    // sum of errors of A's choice scored with B's accuracies (and vice versa); absent when a chosen
    // recipe was not measured in the other file.
    std::optional<double> errorOfAUnderB, errorOfBUnderA;
};

// Both allocations at `targetBpw` and their differences. Calls requireSameModel first.
AllocationComparison compareAllocations(const OptimizerProblem& a, const OptimizerProblem& b, double targetBpw,
                                        const std::string& nameA, const std::string& nameB);
// The same from allocations already made (allocA of problem a, allocB of problem b, same model).
AllocationComparison compareAllocations(const OptimizerProblem& a, const Allocation& allocA,
                                        const OptimizerProblem& b, const Allocation& allocB);

}  // namespace exl2
