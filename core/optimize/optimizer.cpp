#include "optimize/optimizer.h"

#include "optimize/exact_solver.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace exl2 {

const char* optimizeMethodName(OptimizeMethod m)
{
    return m == OptimizeMethod::Exact ? "exact" : "anneal";
}

double allocationObjective(const OptimizerProblem& problem, const std::vector<int>& choice, double norm)
{
    double sum = 0;
    for (size_t s = 0; s < choice.size(); ++s)
        sum += std::pow(problem.moduleSlots[s].error(size_t(choice[s])), norm);
    return sum;
}

namespace {

std::string fmt(const char* format, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

struct SearchResult {
    std::vector<int> choice;
    double maxErr = 0;
    bool proven = true;
};

double maxError(const OptimizerProblem& p, const std::vector<int>& choice)
{
    double m = 0;
    for (size_t s = 0; s < choice.size(); ++s)
        m = std::max(m, p.moduleSlots[s].error(size_t(choice[s])));
    return m;
}

// Exact inner solve for one norm; pinned slots offer only their pinned option.
SearchResult solveExactForNorm(const OptimizerProblem& p, uint64_t budget, double norm, const std::vector<int>& pinned,
                               size_t maxStates)
{
    std::vector<std::vector<KnapsackItem>> groups(p.moduleSlots.size());
    for (size_t s = 0; s < p.moduleSlots.size(); ++s) {
        if (pinned[s] >= 0) {
            groups[s].push_back({p.moduleSlots[s].cost(size_t(pinned[s])), std::pow(p.moduleSlots[s].error(size_t(pinned[s])), norm)});
            continue;
        }
        for (size_t o = 0; o < p.moduleSlots[s].records.size(); ++o)
            groups[s].push_back({p.moduleSlots[s].cost(o), std::pow(p.moduleSlots[s].error(o), norm)});
    }
    const auto sol = solveKnapsackExact(groups, budget, maxStates);
    SearchResult r;
    r.choice = sol.choice;
    r.proven = sol.proven;
    for (size_t s = 0; s < p.moduleSlots.size(); ++s)
        if (pinned[s] >= 0)
            r.choice[s] = pinned[s];
    r.maxErr = maxError(p, r.choice);
    return r;
}

// Reference top-up: spend leftover budget by one-step upgrades, greedily in slot order, until nothing fits.
uint64_t topUp(const OptimizerProblem& p, uint64_t budget, const std::vector<int>& pinned, std::vector<int>& choice)
{
    uint64_t cost = 0;
    for (size_t s = 0; s < choice.size(); ++s)
        cost += p.moduleSlots[s].cost(size_t(choice[s]));
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t s = 0; s < choice.size(); ++s) {
            const size_t idx = size_t(choice[s]);
            if (pinned[s] >= 0 || idx + 1 >= p.moduleSlots[s].records.size())
                continue;
            const int64_t delta = int64_t(p.moduleSlots[s].cost(idx + 1)) - int64_t(p.moduleSlots[s].cost(idx));
            if (int64_t(cost) + delta <= int64_t(budget)) {
                choice[s] = int(idx + 1);
                cost = uint64_t(int64_t(cost) + delta);
                changed = true;
            }
        }
    }
    return cost;
}

}  // namespace

Allocation optimizeAllocation(const OptimizerProblem& p, const OptimizeSettings& settings)
{
    const size_t n = p.moduleSlots.size();
    if (n == 0)
        throw Error(ErrorCode::InvalidArgument, "optimizer: no attention/MLP modules to allocate");
    if (!(settings.targetBpw > 0) || !std::isfinite(settings.targetBpw))
        throw Error(ErrorCode::InvalidArgument, "target bits per weight: expected a positive number");
    if (settings.normSamples < 2)
        throw Error(ErrorCode::InvalidArgument, "normSamples: expected at least 2");
    std::vector<int> pinned(n, -1);
    for (const auto& pin : settings.pins) {
        // Named copies, not a structured binding: clang 14 cannot capture bindings in a lambda.
        const std::string& key = pin.first;
        const int option = pin.second;
        const auto it = std::find_if(p.moduleSlots.begin(), p.moduleSlots.end(),
                                     [&key](const OptimizerSlot& s) { return s.key == key; });
        if (it == p.moduleSlots.end())
            throw Error(ErrorCode::InvalidArgument, "pin " + key + ": no such module in the measurement");
        if (option < 0 || size_t(option) >= it->records.size())
            throw Error(ErrorCode::InvalidArgument, "pin " + key + ": option " + std::to_string(option) +
                                                        " out of range (module has " + std::to_string(it->records.size()) +
                                                        " options)");
        pinned[size_t(it - p.moduleSlots.begin())] = option;
    }

    // Reachable range with these pins.
    uint64_t minBits = 0, maxBits = 0;
    for (size_t s = 0; s < n; ++s) {
        uint64_t lo = std::numeric_limits<uint64_t>::max(), hi = 0;
        for (size_t o = 0; o < p.moduleSlots[s].records.size(); ++o) {
            if (pinned[s] >= 0 && int(o) != pinned[s])
                continue;
            lo = std::min(lo, p.moduleSlots[s].cost(o));
            hi = std::max(hi, p.moduleSlots[s].cost(o));
        }
        minBits += lo;
        maxBits += hi;
    }
    const uint64_t numel = p.numel();
    uint64_t budget = p.budget(settings.targetBpw);
    const double minBpw = double(minBits) / double(numel), maxBpw = double(maxBits) / double(numel);
    // A target given as exactly minBpw()/maxBpw() may land a bit outside after float rounding: clamp it.
    const double rel = 1e-12;
    if (budget < minBits && settings.targetBpw >= minBpw * (1 - rel))
        budget = minBits;
    if (budget > maxBits && settings.targetBpw <= maxBpw * (1 + rel))
        budget = maxBits;
    if (budget < minBits || budget > maxBits)
        throw Error(ErrorCode::InvalidArgument,
                    "target of " + fmt("%.4f", settings.targetBpw) + " bpw is not reachable for this model" +
                        (settings.pins.empty() ? std::string() : std::string(" with these pins")) + ": reachable range is " +
                        fmt("%.4f", minBpw) + " to " + fmt("%.4f", maxBpw) + " bpw");

    Allocation a;
    a.method = optimizeMethodName(settings.method);
    a.targetBpw = settings.targetBpw;
    a.budget = budget;
    a.numel = numel;
    if (settings.targetBpw < 2.2)
        a.warnings.push_back("target " + fmt("%.3f", settings.targetBpw) +
                             " bpw is below 2.2: most modules get their cheapest option and quality drops sharply");
    if (settings.targetBpw > 8.0)
        a.warnings.push_back("target " + fmt("%.3f", settings.targetBpw) +
                             " bpw is above 8: no option stores more than 8 bits, the extra budget buys nothing");

    // Three-stage norm search (reference optimize.py): a grid over [1.5, 3.5], a finer grid around the
    // norm with the smallest max error, then the final search at that norm.
    const int S = settings.normSamples;
    // With a fixed norm only stage 3 runs (i starts at 2S).
    const int first = settings.fixedNorm ? 2 * S : 0;
    const int total = settings.method == OptimizeMethod::Exact ? 2 * S + 1 : 3 * S;
    std::mt19937 rng(uint32_t(settings.seed ^ (settings.seed >> 32)));
    double bestMax = std::numeric_limits<double>::infinity(), bestNorm = 1.5, normA = 0, normB = 0;
    double bestSum = std::numeric_limits<double>::infinity();
    std::vector<int> best;
    if (settings.fixedNorm) {
        if (!(*settings.fixedNorm > 0) || !std::isfinite(*settings.fixedNorm))
            throw Error(ErrorCode::InvalidArgument, "fixed error norm: expected a positive number");
        bestNorm = *settings.fixedNorm;
    }
    for (int i = first; i < total; ++i) {
        if (settings.cancelled && settings.cancelled())
            throw Error(ErrorCode::Cancelled, "optimizer: cancelled");
        double norm;
        if (i < S) {
            const double t = double(i) / double(S - 1);
            norm = (1 - t) * 1.5 + t * 3.5;
        } else if (i < 2 * S) {
            if (i == S)
                normA = bestNorm - 0.15 / 2, normB = bestNorm + 0.15 / 2;
            const double t = double(i) / double(S - 1) - 1;  // the reference's off-by-one, kept
            norm = (1 - t) * normA + t * normB;
        } else {
            norm = bestNorm;
        }
        SearchResult r;
        double sum;
        if (settings.method == OptimizeMethod::Exact) {
            r = solveExactForNorm(p, budget, norm, pinned, settings.maxDpStates);
            sum = allocationObjective(p, r.choice, norm);
        } else {
            auto run = simulatedAnneal(p, budget, norm, pinned, settings.anneal, rng);
            r.choice = std::move(run.choice);
            r.maxErr = run.maxErr;
            sum = run.sum;
        }
        if (i < 2 * S) {
            if (r.maxErr < bestMax)
                bestMax = r.maxErr, bestNorm = norm;
        } else if (sum < bestSum) {
            bestSum = sum;
            best = r.choice;
            a.searchMaxErr = r.maxErr;
            a.proven = r.proven;
        }
        if (settings.progress)
            settings.progress(i + 1 - first, total - first);
    }
    a.errorNorm = bestNorm;
    // The exact optimum has no improving upgrade left; the reference top-up would only add error.
    if (settings.method == OptimizeMethod::Anneal)
        topUp(p, budget, pinned, best);

    for (size_t s = 0; s < n; ++s) {
        const auto& slot = p.moduleSlots[s];
        SlotChoice c;
        c.key = slot.key;
        c.option = best[s];
        c.totalBits = slot.cost(size_t(best[s]));
        c.numel = slot.numel;
        c.bpw = double(c.totalBits) / double(slot.numel);
        c.error = slot.error(size_t(best[s]));
        c.pinned = pinned[s] >= 0;
        a.totalBits += c.totalBits;
        a.sumLogErr += std::log(c.error);
        a.maxErr = std::max(a.maxErr, c.error);
        a.choices.push_back(c);
    }
    a.bpw = double(a.totalBits) / double(numel);
    a.objective = allocationObjective(p, best, bestNorm);
    return a;
}

std::string formatAllocation(const Allocation& a)
{
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, " -- max(err): %.6f\n -- error_norm: %.6f\n -- Quantization strategy:\n",
                  a.searchMaxErr, a.errorNorm);
    out += line;
    for (const auto& s : a.choices) {
        std::snprintf(line, sizeof line, " --   %-50s %1.4f bpw - exp. error: %1.8f%s\n", s.key.c_str(), s.bpw, s.error,
                      s.pinned ? "  (pinned)" : "");
        out += line;
    }
    std::snprintf(line, sizeof line, " -- sum(log(err)): %.6f\n -- max(err): %.6f\n", a.sumLogErr, a.maxErr);
    out += line;
    std::snprintf(line, sizeof line,
                  " -- Method: %s, target %.4f bpw, achieved %.4f bpw (%llu of %llu budget bits), sum(err^%.4f) = %.8g\n",
                  a.method.c_str(), a.targetBpw, a.bpw, (unsigned long long)a.totalBits, (unsigned long long)a.budget,
                  a.errorNorm, a.objective);
    out += line;
    return out;
}

}  // namespace exl2
