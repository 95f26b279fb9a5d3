// Choosing one measured option per decoder module for a target bits-per-weight: the reference method
// (three-stage norm search over simulated annealing, then budget top-up) and an exact method (same norm
// search, each inner problem solved to optimality). Also pinning, warnings and the reachable range.
#pragma once

#include "optimize/anneal.h"
#include "optimize/problem.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace exl2 {

enum class OptimizeMethod { Exact, Anneal };
const char* optimizeMethodName(OptimizeMethod m);  // "exact", "anneal"

struct OptimizeSettings {
    double targetBpw = 4.125;
    OptimizeMethod method = OptimizeMethod::Exact;
    uint64_t seed = 0;                  // annealer's generator; same seed, same allocation
    int normSamples = 80;               // anneal_samples: runs per stage of the norm search
    AnnealParams anneal;                // reference constants by default
    std::map<std::string, int> pins;    // slot key -> option index kept fixed while the rest re-balance
    std::function<void(int done, int total)> progress;  // optional, once per inner solve
    // Skips the norm search: one inner solve (exact) or normSamples runs (anneal) at this exponent. The
    // allocation inspector's fast path while the target is dragged; the full search refines it afterwards.
    std::optional<double> fixedNorm;
    // Exact method: > 0 caps the DP states of each inner solve; past it the solve returns its Lagrangian
    // incumbent (feasible, near-optimal) instead. Bounds the fast path's latency; 0 = always optimal.
    size_t maxDpStates = 0;
    // Optional, polled before every inner solve; returning true throws Error(Cancelled).
    std::function<bool()> cancelled;
};

struct SlotChoice {
    std::string key;
    int option = 0;
    uint64_t totalBits = 0;
    uint64_t numel = 0;
    double bpw = 0;    // totalBits / numel
    double error = 0;  // 1 - accuracy
    bool pinned = false;
};

// The result, with the figures of the reference's console summary (optimize.py).
struct Allocation {
    std::string method;
    std::vector<SlotChoice> choices;
    double targetBpw = 0;
    uint64_t budget = 0, totalBits = 0, numel = 0;
    double bpw = 0;              // totalBits / numel
    double errorNorm = 0;        // exponent chosen by the norm search
    double objective = 0;        // sum(err^errorNorm) of the final choice
    double searchMaxErr = 0;     // max error of the stage-3 winner, before top-up
    double sumLogErr = 0;        // sum(ln err), the "product of errors" criterion
    double maxErr = 0;
    bool proven = true;  // the final solve was proven optimal (false only under maxDpStates)
    std::vector<std::string> warnings;
};

// Throws Error(InvalidArgument) for an unknown pin, or a target outside the reachable range, stating
// the range [min bpw, max bpw] this model's options (and pins) allow.
Allocation optimizeAllocation(const OptimizerProblem& problem, const OptimizeSettings& settings);

// sum(err^norm) of a choice (for comparing methods on one norm).
double allocationObjective(const OptimizerProblem& problem, const std::vector<int>& choice, double norm);

// The reference's console lines (" -- max(err): ...", per-module bpw and expected error, totals) plus one
// line naming the method and budget. Warnings are not included: callers print them as they like.
std::string formatAllocation(const Allocation& a);

}  // namespace exl2
