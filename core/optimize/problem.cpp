#include "optimize/problem.h"

#include "optimize/weight_counts.h"
#include "util/error.h"

#include <algorithm>
#include <map>

namespace exl2 {

uint64_t OptimizerProblem::numel() const
{
    uint64_t n = 0;
    for (const auto& s : moduleSlots)
        n += s.numel;
    return n;
}

uint64_t OptimizerProblem::budget(double targetBpw) const
{
    return uint64_t(double(numel()) * targetBpw);
}

double OptimizerProblem::minBpw() const
{
    uint64_t bits = 0;
    for (const auto& s : moduleSlots)
        bits += std::min_element(s.records.begin(), s.records.end(), [](auto& a, auto& b) {
                    return a.totalBits < b.totalBits;
                })->totalBits;
    return numel() ? double(bits) / double(numel()) : 0;
}

double OptimizerProblem::maxBpw() const
{
    uint64_t bits = 0;
    for (const auto& s : moduleSlots)
        bits += std::max_element(s.records.begin(), s.records.end(), [](auto& a, auto& b) {
                    return a.totalBits < b.totalBits;
                })->totalBits;
    return numel() ? double(bits) / double(numel()) : 0;
}

OptimizerProblem buildProblem(const Measurement& m, const std::vector<uint64_t>& slotNumel)
{
    OptimizerProblem p;
    for (const auto& mod : m.modules) {
        switch (mod.kind) {
        case MeasuredKind::None: break;
        case MeasuredKind::ParallelDecoder: {
            const std::string base = mod.key.substr(0, mod.key.size() - std::string(".parallel_decoder").size());
            p.moduleSlots.push_back({base + ".self_attn", mod.options, 0});
            p.moduleSlots.push_back({base + ".mlp", mod.mlpOptions, 0});
            break;
        }
        default: p.moduleSlots.push_back({mod.key, mod.options, 0}); break;
        }
    }
    if (p.moduleSlots.empty())
        throw Error(ErrorCode::InvalidArgument, "measurement has no decoder-layer records to optimize");
    if (!slotNumel.empty() && slotNumel.size() != p.moduleSlots.size())
        throw Error(ErrorCode::InvalidArgument, "weight counts: expected " + std::to_string(p.moduleSlots.size()) +
                                                    " (one per attention/MLP module), got " + std::to_string(slotNumel.size()));
    // Identical option costs mean identical shapes: derive once per distinct cost list.
    std::map<std::vector<uint64_t>, uint64_t> derived;
    for (size_t i = 0; i < p.moduleSlots.size(); ++i) {
        auto& s = p.moduleSlots[i];
        if (!slotNumel.empty()) {
            s.numel = slotNumel[i];
            continue;
        }
        std::vector<uint64_t> costs;
        for (const auto& r : s.records)
            costs.push_back(r.totalBits);
        const auto it = derived.find(costs);
        if (it != derived.end()) {
            s.numel = it->second;
            continue;
        }
        const bool mlpSlot = s.key.size() > 4 && s.key.compare(s.key.size() - 4, 4, ".mlp") == 0;
        const bool moeSlot = s.key.find(".block_sparse_moe") != std::string::npos;
        const auto kind = moeSlot ? MeasuredKind::BlockSparseMoe : mlpSlot ? MeasuredKind::Mlp : MeasuredKind::SelfAttn;
        const auto n = deriveModuleNumel(s.records, kind);
        if (!n || *n == 0)
            throw Error(ErrorCode::InvalidArgument,
                        "measurement[\"" + s.key + "\"]: cannot recover the module's weight count from its options' "
                        "total_bits; pass the model folder (--model) so the budget can be computed");
        s.numel = derived[costs] = *n;
    }
    for (const auto& s : p.moduleSlots)
        if (s.numel == 0)
            throw Error(ErrorCode::InvalidArgument, "weight count of " + s.key + ": expected a positive number");
    return p;
}

}  // namespace exl2
