#include "optimize/compare_allocation.h"

#include "util/error.h"

#include <cmath>
#include <map>

namespace exl2 {

namespace {

// recipe -> error (1 - accuracy) of one slot, the first record of each recipe.
std::map<std::string, double> errorsByRecipe(const OptimizerSlot& slot)
{
    std::map<std::string, double> m;
    for (const auto& r : slot.records)
        m.emplace(optionRecipe(r), 1.0 - r.accuracy);
    return m;
}

// Sum over modules of the chosen recipe's error in `scorer`; nullopt when one was not measured there.
std::optional<double> scoreWith(const OptimizerProblem& chooser, const Allocation& alloc, const OptimizerProblem& scorer)
{
    std::map<std::string, const OptimizerSlot*> byKey;
    for (const auto& s : scorer.moduleSlots)
        byKey.emplace(s.key, &s);
    double sum = 0;
    for (size_t i = 0; i < alloc.choices.size(); ++i) {
        const auto& choice = alloc.choices[i];
        const auto& recipe = optionRecipe(chooser.moduleSlots[i].records[size_t(choice.option)]);
        const auto slot = byKey.find(choice.key);
        if (slot == byKey.end())
            return std::nullopt;
        const auto errors = errorsByRecipe(*slot->second);
        auto it = errors.find(recipe);
        if (it == errors.end())
            return std::nullopt;
        sum += it->second;
    }
    return sum;
}

}  // namespace

Allocation allocateAtTarget(const OptimizerProblem& problem, double targetBpw)
{
    OptimizeSettings settings;
    settings.targetBpw = targetBpw;
    settings.method = OptimizeMethod::Exact;
    return optimizeAllocation(problem, settings);
}

AllocationComparison compareAllocations(const OptimizerProblem& a, const OptimizerProblem& b, double targetBpw,
                                        const std::string& nameA, const std::string& nameB)
{
    requireSameModel(a, b, nameA, nameB);
    return compareAllocations(a, allocateAtTarget(a, targetBpw), b, allocateAtTarget(b, targetBpw));
}

AllocationComparison compareAllocations(const OptimizerProblem& a, const Allocation& allocA,
                                        const OptimizerProblem& b, const Allocation& allocB)
{
    AllocationComparison c;
    c.a = allocA;
    c.b = allocB;
    std::map<std::string, size_t> bIndex;
    for (size_t i = 0; i < c.b.choices.size(); ++i)
        bIndex.emplace(c.b.choices[i].key, i);
    double sumAbs = 0;
    for (size_t i = 0; i < c.a.choices.size(); ++i) {
        const auto& ca = c.a.choices[i];
        const auto found = bIndex.find(ca.key);
        if (found == bIndex.end())
            throw Error(ErrorCode::InvalidArgument, "allocations of different models: " + ca.key + " is in only one");
        const size_t j = found->second;
        const auto& cb = c.b.choices[j];
        ModuleAllocationDiff d;
        d.key = ca.key;
        d.bpwA = ca.bpw;
        d.bpwB = cb.bpw;
        d.errorA = ca.error;
        d.errorB = cb.error;
        d.sameRecipe = optionRecipe(a.moduleSlots[i].records[size_t(ca.option)]) ==
                       optionRecipe(b.moduleSlots[j].records[size_t(cb.option)]);
        c.differingModules += d.sameRecipe ? 0 : 1;
        sumAbs += std::fabs(d.bpwB - d.bpwA);
        c.modules.push_back(d);
    }
    if (!c.modules.empty())
        c.meanAbsBpwDiff = sumAbs / double(c.modules.size());
    c.errorOfAUnderB = scoreWith(a, c.a, b);
    c.errorOfBUnderA = scoreWith(b, c.b, a);
    return c;
}

}  // namespace exl2
