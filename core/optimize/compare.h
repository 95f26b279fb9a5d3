// Comparing two measurements of one model (different calibration data or lengths, or exllamav2's file and
// ours): options matched by recipe, per-module accuracy differences, summary statistics, and the check
// that both files measure the same model (same module keys and weight counts).
#pragma once

#include "optimize/problem.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace exl2 {

// What tells options apart across files: every linear's recipe ("q_proj 0.05:3b_64g/0.95:2b_64g s4; ...").
std::string optionRecipe(const OptionRecord& record);

// One recipe of one module, with the accuracy each file measured for it (absent = not in that file).
struct ComparedOption {
    std::string recipe;
    uint64_t totalBits = 0;
    double bpw = 0;  // totalBits / module weights
    std::optional<double> accuracyA, accuracyB;

    bool shared() const { return accuracyA && accuracyB; }
    double difference() const { return *accuracyB - *accuracyA; }  // B - A; only when shared()
};

struct ModuleComparison {
    std::string key;  // slot key, "model.layers.3.mlp"
    uint64_t numel = 0;
    std::vector<ComparedOption> options;  // union of both files' recipes, by bits then recipe
    int sharedOptions = 0, onlyInA = 0, onlyInB = 0;
    double meanDiff = 0;     // mean of B - A over shared options (> 0: B measured higher accuracy)
    double meanAbsDiff = 0;  // mean |B - A|
    double maxAbsDiff = 0;   // max |B - A|
};

struct ComparisonSummary {
    int sharedOptions = 0, onlyInA = 0, onlyInB = 0;
    double meanDiff = 0, meanAbsDiff = 0, rmsDiff = 0, maxAbsDiff = 0;  // over every shared option
    std::string maxKey, maxRecipe;                                        // where the largest |B - A| is
    std::optional<double> correlation;  // Pearson r of the accuracies (needs 2+ options and spread)
    std::optional<double> errorRatio;   // geometric mean of (1 - accB) / (1 - accA): 1.2 = B's errors 20% larger
    std::vector<int> byDisagreement;    // module indices, largest mean |B - A| first
};

struct MeasurementComparison {
    std::vector<ModuleComparison> modules;  // in A's order
    ComparisonSummary summary;
};

// Empty when both problems describe the same model; else one line per difference (module count, keys
// present in only one file, weight counts that differ), at most a few of each kind. `nameA`/`nameB` label them.
std::vector<std::string> modelDifferences(const OptimizerProblem& a, const OptimizerProblem& b,
                                          const std::string& nameA, const std::string& nameB);

// Throws Error(InvalidArgument) "<nameB> measures a different model than <nameA>: <differences>" unless
// modelDifferences() is empty.
void requireSameModel(const OptimizerProblem& a, const OptimizerProblem& b, const std::string& nameA,
                      const std::string& nameB);

// Matches modules by key and options by recipe and computes the differences. Calls requireSameModel first.
MeasurementComparison compareMeasurements(const OptimizerProblem& a, const OptimizerProblem& b,
                                          const std::string& nameA, const std::string& nameB);

}  // namespace exl2
