#include "optimize/exact_solver.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace exl2 {

namespace {

struct Candidate {
    uint64_t cost;
    double value;
    uint32_t item;  // index in the group's original list
};

// Options sorted by cost with every option that another beats or ties on both cost and value removed.
std::vector<Candidate> paretoFront(const std::vector<KnapsackItem>& items)
{
    std::vector<Candidate> all;
    for (size_t i = 0; i < items.size(); ++i)
        all.push_back({items[i].cost, items[i].value, uint32_t(i)});
    std::stable_sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) {
        return a.cost != b.cost ? a.cost < b.cost : a.value < b.value;
    });
    std::vector<Candidate> front;
    for (const auto& c : all)
        if (front.empty() || c.value < front.back().value)
            front.push_back(c);
    return front;
}

// Lower convex hull of a Pareto front: the options the LP relaxation can use.
std::vector<size_t> convexHull(const std::vector<Candidate>& f)
{
    std::vector<size_t> h;
    for (size_t i = 0; i < f.size(); ++i) {
        while (h.size() >= 2) {
            const auto& a = f[h[h.size() - 2]];
            const auto& b = f[h.back()];
            const auto& c = f[i];
            // b lies on or above segment a-c: drop it.
            const double lhs = (b.value - a.value) * double(c.cost - a.cost);
            const double rhs = (c.value - a.value) * double(b.cost - a.cost);
            if (lhs >= rhs)
                h.pop_back();
            else
                break;
        }
        h.push_back(i);
    }
    return h;
}

struct State {
    uint64_t cost;
    double value;
    uint32_t parent;
    uint32_t option;  // index into the group's Pareto front
};

}  // namespace

KnapsackSolution solveKnapsackExact(const std::vector<std::vector<KnapsackItem>>& groups, uint64_t capacity)
{
    const size_t n = groups.size();
    std::vector<std::vector<Candidate>> fronts(n);
    uint64_t minCost = 0;
    for (size_t g = 0; g < n; ++g) {
        if (groups[g].empty())
            throw Error(ErrorCode::InvalidArgument, "knapsack group " + std::to_string(g) + " has no options");
        fronts[g] = paretoFront(groups[g]);
        minCost += fronts[g].front().cost;
    }
    if (minCost > capacity)
        throw Error(ErrorCode::InvalidArgument, "the cheapest options need " + std::to_string(minCost) +
                                                    " bits, more than the budget of " + std::to_string(capacity));

    // LP relaxation: start from the cheapest option everywhere and take hull upgrades in order of value
    // gained per bit. The first upgrade that does not fit fixes the multiplier lambda (its slope).
    struct Step {
        double slope;  // value decrease per bit (> 0)
        uint32_t group, to;
    };
    std::vector<Step> steps;
    for (size_t g = 0; g < n; ++g) {
        const auto h = convexHull(fronts[g]);
        for (size_t i = 1; i < h.size(); ++i) {
            const auto& a = fronts[g][h[i - 1]];
            const auto& b = fronts[g][h[i]];
            steps.push_back({(a.value - b.value) / double(b.cost - a.cost), uint32_t(g), uint32_t(h[i])});
        }
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.slope > b.slope; });
    std::vector<uint32_t> greedy(n, 0);
    uint64_t cost = minCost;
    double lambda = 0;
    for (const auto& s : steps) {
        const uint64_t add = fronts[s.group][s.to].cost - fronts[s.group][greedy[s.group]].cost;
        if (cost + add > capacity) {
            lambda = s.slope;
            break;
        }
        cost += add;
        greedy[s.group] = s.to;
    }
    // Incumbent: the greedy integer part, then the best-fitting single upgrades while any helps.
    double upper = 0;
    for (size_t g = 0; g < n; ++g)
        upper += fronts[g][greedy[g]].value;
    for (bool improved = true; improved;) {
        improved = false;
        double bestGain = 0;
        size_t bestG = 0, bestO = 0;
        for (size_t g = 0; g < n; ++g)
            for (size_t o = greedy[g] + 1; o < fronts[g].size(); ++o) {
                const uint64_t add = fronts[g][o].cost - fronts[g][greedy[g]].cost;
                const double gain = fronts[g][greedy[g]].value - fronts[g][o].value;
                if (cost + add <= capacity && gain > bestGain)
                    bestGain = gain, bestG = g, bestO = o;
            }
        if (bestGain > 0) {
            cost += fronts[bestG][bestO].cost - fronts[bestG][greedy[bestG]].cost;
            upper -= bestGain;
            greedy[bestG] = uint32_t(bestO);
            improved = true;
        }
    }

    // Lagrangian bound pieces: m[g] = min over options of value + lambda * cost.
    std::vector<double> suffixM(n + 1, 0);
    std::vector<uint64_t> suffixMinCost(n + 1, 0);
    for (size_t g = n; g-- > 0;) {
        double m = std::numeric_limits<double>::infinity();
        for (const auto& c : fronts[g])
            m = std::min(m, c.value + lambda * double(c.cost));
        suffixM[g] = suffixM[g + 1] + m;
        suffixMinCost[g] = suffixMinCost[g + 1] + fronts[g].front().cost;
    }
    KnapsackSolution out;
    out.lowerBound = suffixM[0] - lambda * double(capacity);
    // A state can be dropped only if its bound exceeds the incumbent by more than rounding noise.
    const double slack = 1e-9 * std::max(1.0, std::fabs(upper));
    const double cutoff = upper + slack;

    // Sparse DP: layer g holds Pareto-optimal partial solutions over groups 0..g-1.
    std::vector<std::vector<State>> layers(n + 1);
    layers[0].push_back({0, 0.0, 0, 0});
    std::vector<State> next;
    for (size_t g = 0; g < n; ++g) {
        next.clear();
        const auto& prev = layers[g];
        for (uint32_t si = 0; si < prev.size(); ++si) {
            const auto& st = prev[si];
            for (uint32_t o = 0; o < fronts[g].size(); ++o) {
                const uint64_t c = st.cost + fronts[g][o].cost;
                if (c + suffixMinCost[g + 1] > capacity)
                    break;  // fronts are cost-sorted: the rest do not fit either
                const double v = st.value + fronts[g][o].value;
                const double bound = v + suffixM[g + 1] - lambda * double(capacity - c);
                if (bound > cutoff)
                    continue;
                next.push_back({c, v, si, o});
            }
        }
        std::sort(next.begin(), next.end(), [](const State& a, const State& b) {
            return a.cost != b.cost ? a.cost < b.cost : a.value < b.value;
        });
        auto& layer = layers[g + 1];
        for (const auto& s : next)
            if (layer.empty() || s.value < layer.back().value)
                layer.push_back(s);
        out.statesVisited += layer.size();
        if (layer.empty())
            throw Error(ErrorCode::Internal, "exact optimizer pruned every partial solution (bound inconsistency)");
    }
    // The last layer is value-decreasing in cost; its last state is the optimum.
    uint32_t idx = uint32_t(layers[n].size() - 1);
    out.value = layers[n][idx].value;
    out.cost = layers[n][idx].cost;
    out.choice.assign(n, 0);
    for (size_t g = n; g-- > 0;) {
        const auto& s = layers[g + 1][idx];
        out.choice[g] = int(fronts[g][s.option].item);
        idx = s.parent;
    }
    return out;
}

}  // namespace exl2
