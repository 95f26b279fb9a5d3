#include "optimize/anneal.h"

#include <algorithm>
#include <cmath>

namespace exl2 {

AnnealRun simulatedAnneal(const OptimizerProblem& p, uint64_t budget, double norm, const std::vector<int>& pinned,
                          const AnnealParams& params, std::mt19937& rng)
{
    const size_t n = p.moduleSlots.size();
    // err^norm per option, computed once per run rather than per proposal.
    std::vector<std::vector<double>> value(n);
    std::vector<int> freeSlots;
    AnnealRun run;
    run.choice.assign(n, 0);
    for (size_t s = 0; s < n; ++s) {
        const auto& slot = p.moduleSlots[s];
        for (size_t o = 0; o < slot.records.size(); ++o)
            value[s].push_back(std::pow(slot.error(o), norm));
        if (s < pinned.size() && pinned[s] >= 0) {
            run.choice[s] = pinned[s];
        } else {
            freeSlots.push_back(int(s));
            size_t cheapest = 0;
            for (size_t o = 1; o < slot.records.size(); ++o)
                if (slot.cost(o) < slot.cost(cheapest))
                    cheapest = o;
            run.choice[s] = int(cheapest);
        }
        run.cost += slot.cost(size_t(run.choice[s]));
        run.sum += value[s][size_t(run.choice[s])];
    }
    // Lemire's multiply-shift keeps draws identical on every platform (std distributions are not).
    const auto draw = [&](uint32_t range) { return uint32_t((uint64_t(rng()) * range) >> 32); };
    const auto uniform = [&] { return double(rng()) * (1.0 / 4294967296.0); };

    if (!freeSlots.empty()) {
        double temp = params.initialTemp;
        const int outer = int(std::log(params.minTemp / temp) / std::log(params.coolingFactor));
        for (int step = 0; step < outer; ++step) {
            for (int it = 0; it < params.iterations; ++it) {
                const int s = freeSlots[draw(uint32_t(freeSlots.size()))];
                const auto& slot = p.moduleSlots[size_t(s)];
                const int o = int(draw(uint32_t(slot.records.size())));
                const int cur = run.choice[size_t(s)];
                const int64_t dCost = int64_t(slot.cost(size_t(o))) - int64_t(slot.cost(size_t(cur)));
                if (int64_t(run.cost) + dCost > int64_t(budget))
                    continue;
                const double dE = value[size_t(s)][size_t(o)] - value[size_t(s)][size_t(cur)];
                if (dE < 0 || uniform() < std::exp(-dE / temp)) {
                    run.choice[size_t(s)] = o;
                    run.sum += dE;
                    run.cost = uint64_t(int64_t(run.cost) + dCost);
                }
            }
            temp *= params.coolingFactor;
        }
    }
    for (size_t s = 0; s < n; ++s)
        run.maxErr = std::max(run.maxErr, p.moduleSlots[s].error(size_t(run.choice[s])));
    return run;
}

}  // namespace exl2
