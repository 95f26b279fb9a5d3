#include "optimize/exact_solver.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <iterator>
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

KnapsackSolution solveKnapsackExact(const std::vector<std::vector<KnapsackItem>>& groups, uint64_t capacity,
                                    size_t maxStates)
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
        uint32_t group, from, to;
    };
    std::vector<Step> steps;
    for (size_t g = 0; g < n; ++g) {
        const auto h = convexHull(fronts[g]);
        for (size_t i = 1; i < h.size(); ++i) {
            const auto& a = fronts[g][h[i - 1]];
            const auto& b = fronts[g][h[i]];
            steps.push_back({(a.value - b.value) / double(b.cost - a.cost), uint32_t(g), uint32_t(h[i - 1]), uint32_t(h[i])});
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

    // Lagrangian bound of the whole problem (reported), and per suffix k the LP relaxation's value as a
    // function of the capacity left: convex, piecewise linear, breakpoints at cumulative hull upgrades.
    double mSum = 0;
    for (size_t g = 0; g < n; ++g) {
        double m = std::numeric_limits<double>::infinity();
        for (const auto& c : fronts[g])
            m = std::min(m, c.value + lambda * double(c.cost));
        mSum += m;
    }
    KnapsackSolution out;
    out.lowerBound = mSum - lambda * double(capacity);
    std::vector<uint64_t> suffixMinCost(n + 1, 0);
    // The curve is anchored at the most accurate end and summed from there: values can span many orders
    // of magnitude (err^norm), and subtracting from the cheapest end's large sum would lose them.
    std::vector<double> suffixBest(n + 1, 0);             // value with the last hull option of every group
    std::vector<std::vector<uint64_t>> curveCost(n + 1);  // cumulative extra cost after each upgrade
    std::vector<std::vector<double>> curveGain(n + 1);    // value decrease of each upgrade
    std::vector<std::vector<double>> curveTail(n + 1);    // sum of the decreases from that upgrade on
    {
        std::vector<Step> suffix;  // sorted by slope, descending
        std::vector<Step> mine, merged;
        for (size_t g = n; g-- > 0;) {
            suffixMinCost[g] = suffixMinCost[g + 1] + fronts[g].front().cost;
            suffixBest[g] = suffixBest[g + 1] + fronts[g][convexHull(fronts[g]).back()].value;
            mine.clear();
            for (const auto& st : steps)
                if (st.group == g)
                    mine.push_back(st);
            merged.clear();
            std::merge(suffix.begin(), suffix.end(), mine.begin(), mine.end(), std::back_inserter(merged),
                       [](const Step& a, const Step& b) { return a.slope > b.slope; });
            suffix.swap(merged);
            auto& cc = curveCost[g];
            auto& gain = curveGain[g];
            auto& tail = curveTail[g];
            cc.assign(1, 0);
            gain.clear();
            for (const auto& st : suffix) {
                const auto& from = fronts[st.group][st.from];
                const auto& to = fronts[st.group][st.to];
                cc.push_back(cc.back() + (to.cost - from.cost));
                gain.push_back(from.value - to.value);
            }
            tail.assign(gain.size() + 1, 0.0);
            for (size_t i = gain.size(); i-- > 0;)
                tail[i] = tail[i + 1] + gain[i];
        }
        curveCost[n].assign(1, 0);
        curveTail[n].assign(1, 0.0);
    }
    // LP lower bound on the best value of groups g.. with `room` bits.
    const auto suffixBound = [&](size_t g, uint64_t room) {
        const uint64_t extra = room - suffixMinCost[g];
        const auto& cc = curveCost[g];
        const size_t i = size_t(std::upper_bound(cc.begin(), cc.end(), extra) - cc.begin());  // cc[i-1] <= extra
        if (i >= cc.size())
            return suffixBest[g];
        const size_t s = i - 1;  // upgrade s is taken partly
        const double frac = double(extra - cc[s]) / double(cc[s + 1] - cc[s]);
        return suffixBest[g] + curveTail[g][s + 1] + (1.0 - frac) * curveGain[g][s];
    };
    // A state can be dropped only if its bound exceeds the incumbent by more than rounding noise.
    const double slack = 1e-9 * std::fabs(upper);  // relative: values may be tiny at high norms
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
                const double bound = v + suffixBound(g + 1, capacity - c);
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
        const bool overBudget = maxStates > 0 && out.statesVisited > maxStates;
        if (layer.empty() || overBudget) {
            // Only rounding can prune the incumbent's own path; it is then optimal to within that rounding.
            // Over the state budget it is returned as it is: feasible, not proven optimal.
            out.proven = !overBudget;
            out.value = upper;
            out.cost = cost;
            out.choice.assign(n, 0);
            for (size_t k = 0; k < n; ++k)
                out.choice[k] = int(fronts[k][greedy[k]].item);
            return out;
        }
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
