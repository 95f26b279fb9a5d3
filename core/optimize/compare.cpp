#include "optimize/compare.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace exl2 {

namespace {

constexpr size_t kListedPerKind = 3;  // differences of one kind named before "and N more"

std::string thousands(uint64_t v)
{
    std::string s = std::to_string(v);
    for (int i = int(s.size()) - 3; i > 0; i -= 3)
        s.insert(size_t(i), ",");
    return s;
}

void appendLimited(std::vector<std::string>& out, const std::vector<std::string>& lines)
{
    for (size_t i = 0; i < lines.size() && i < kListedPerKind; ++i)
        out.push_back(lines[i]);
    if (lines.size() > kListedPerKind)
        out.push_back("and " + std::to_string(lines.size() - kListedPerKind) + " more like it");
}

std::map<std::string, const OptimizerSlot*> slotsByKey(const OptimizerProblem& p)
{
    std::map<std::string, const OptimizerSlot*> m;
    for (const auto& s : p.moduleSlots)
        m.emplace(s.key, &s);
    return m;
}

ModuleComparison compareSlot(const OptimizerSlot& a, const OptimizerSlot& b)
{
    ModuleComparison mc;
    mc.key = a.key;
    mc.numel = a.numel;
    std::map<std::string, size_t> index;  // recipe -> position in mc.options
    auto entry = [&](const OptionRecord& r) -> ComparedOption& {
        const std::string recipe = optionRecipe(r);
        auto [it, added] = index.emplace(recipe, mc.options.size());
        if (added) {
            ComparedOption o;
            o.recipe = recipe;
            o.totalBits = r.totalBits;
            o.bpw = a.numel ? double(r.totalBits) / double(a.numel) : 0;
            mc.options.push_back(o);
        }
        return mc.options[it->second];
    };
    // A file may repeat a recipe (exllamav2's tables do not, hand-made files might): the first one counts.
    for (const auto& r : a.records) {
        auto& o = entry(r);
        if (!o.accuracyA)
            o.accuracyA = r.accuracy;
    }
    for (const auto& r : b.records) {
        auto& o = entry(r);
        if (!o.accuracyB)
            o.accuracyB = r.accuracy;
    }
    std::stable_sort(mc.options.begin(), mc.options.end(), [](const ComparedOption& x, const ComparedOption& y) {
        return x.totalBits != y.totalBits ? x.totalBits < y.totalBits : x.recipe < y.recipe;
    });
    double sum = 0, sumAbs = 0;
    for (const auto& o : mc.options) {
        if (!o.shared()) {
            (o.accuracyA ? mc.onlyInA : mc.onlyInB) += 1;
            continue;
        }
        const double d = o.difference();
        ++mc.sharedOptions;
        sum += d;
        sumAbs += std::fabs(d);
        mc.maxAbsDiff = std::max(mc.maxAbsDiff, std::fabs(d));
    }
    if (mc.sharedOptions) {
        mc.meanDiff = sum / mc.sharedOptions;
        mc.meanAbsDiff = sumAbs / mc.sharedOptions;
    }
    return mc;
}

ComparisonSummary summarize(const std::vector<ModuleComparison>& modules)
{
    ComparisonSummary s;
    std::vector<double> xs, ys;
    double sum = 0, sumAbs = 0, sumSq = 0, sumLogRatio = 0;
    int ratioCount = 0;
    for (const auto& m : modules) {
        s.onlyInA += m.onlyInA;
        s.onlyInB += m.onlyInB;
        for (const auto& o : m.options) {
            if (!o.shared())
                continue;
            const double d = o.difference();
            xs.push_back(*o.accuracyA);
            ys.push_back(*o.accuracyB);
            sum += d;
            sumAbs += std::fabs(d);
            sumSq += d * d;
            if (std::fabs(d) > s.maxAbsDiff || s.maxKey.empty()) {
                s.maxAbsDiff = std::fabs(d);
                s.maxKey = m.key;
                s.maxRecipe = o.recipe;
            }
            const double errA = 1.0 - *o.accuracyA, errB = 1.0 - *o.accuracyB;
            if (errA > 0 && errB > 0) {
                sumLogRatio += std::log(errB / errA);
                ++ratioCount;
            }
        }
    }
    const size_t n = xs.size();
    s.sharedOptions = int(n);
    if (n) {
        s.meanDiff = sum / double(n);
        s.meanAbsDiff = sumAbs / double(n);
        s.rmsDiff = std::sqrt(sumSq / double(n));
    }
    if (ratioCount)
        s.errorRatio = std::exp(sumLogRatio / ratioCount);
    if (n >= 2) {
        const double mx = std::accumulate(xs.begin(), xs.end(), 0.0) / double(n);
        const double my = std::accumulate(ys.begin(), ys.end(), 0.0) / double(n);
        double sxy = 0, sxx = 0, syy = 0;
        for (size_t i = 0; i < n; ++i) {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
            syy += (ys[i] - my) * (ys[i] - my);
        }
        if (sxx > 0 && syy > 0)
            s.correlation = sxy / std::sqrt(sxx * syy);
    }
    s.byDisagreement.resize(modules.size());
    std::iota(s.byDisagreement.begin(), s.byDisagreement.end(), 0);
    std::stable_sort(s.byDisagreement.begin(), s.byDisagreement.end(),
                     [&](int x, int y) { return modules[size_t(x)].meanAbsDiff > modules[size_t(y)].meanAbsDiff; });
    return s;
}

}  // namespace

std::string optionRecipe(const OptionRecord& record)
{
    std::string s;
    for (const auto& [name, qp] : record.linears) {
        if (!s.empty())
            s += "; ";
        s += name + " " + qp.description();
    }
    return s;
}

std::vector<std::string> modelDifferences(const OptimizerProblem& a, const OptimizerProblem& b,
                                          const std::string& nameA, const std::string& nameB)
{
    std::vector<std::string> out;
    if (a.moduleSlots.size() != b.moduleSlots.size())
        out.push_back(std::to_string(a.moduleSlots.size()) + " decoder modules in " + nameA + ", " +
                      std::to_string(b.moduleSlots.size()) + " in " + nameB);
    const auto byA = slotsByKey(a), byB = slotsByKey(b);
    std::vector<std::string> onlyA, onlyB, counts;
    for (const auto& s : a.moduleSlots) {
        auto it = byB.find(s.key);
        if (it == byB.end())
            onlyA.push_back(s.key + " only in " + nameA);
        else if (it->second->numel != s.numel)
            counts.push_back(s.key + ": " + thousands(s.numel) + " weights in " + nameA + ", " +
                             thousands(it->second->numel) + " in " + nameB);
    }
    for (const auto& s : b.moduleSlots)
        if (!byA.count(s.key))
            onlyB.push_back(s.key + " only in " + nameB);
    appendLimited(out, onlyA);
    appendLimited(out, onlyB);
    appendLimited(out, counts);
    return out;
}

void requireSameModel(const OptimizerProblem& a, const OptimizerProblem& b, const std::string& nameA,
                      const std::string& nameB)
{
    const auto diffs = modelDifferences(a, b, nameA, nameB);
    if (diffs.empty())
        return;
    std::string msg = nameB + " measures a different model than " + nameA + ": ";
    for (size_t i = 0; i < diffs.size(); ++i)
        msg += (i ? "; " : "") + diffs[i];
    throw Error(ErrorCode::InvalidArgument, msg);
}

MeasurementComparison compareMeasurements(const OptimizerProblem& a, const OptimizerProblem& b,
                                          const std::string& nameA, const std::string& nameB)
{
    requireSameModel(a, b, nameA, nameB);
    const auto byB = slotsByKey(b);
    MeasurementComparison c;
    for (const auto& s : a.moduleSlots)
        c.modules.push_back(compareSlot(s, *byB.at(s.key)));
    c.summary = summarize(c.modules);
    return c;
}

}  // namespace exl2
