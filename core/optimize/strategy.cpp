#include "optimize/strategy.h"

#include "optimize/measurement_json.h"
#include "util/python_json.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace exl2 {

Strategy strategyFromAllocation(const OptimizerProblem& problem, const Allocation& allocation)
{
    Strategy s;
    for (size_t i = 0; i < allocation.choices.size(); ++i)
        s.emplace_back(allocation.choices[i].key, problem.moduleSlots[i].records[size_t(allocation.choices[i].option)]);
    return s;
}

nlohmann::ordered_json strategyToJson(const Strategy& strategy)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [key, record] : strategy)
        out[key] = recordToJson(record);
    return out;
}

std::string strategyToJsonText(const Strategy& strategy)
{
    return dumpPythonJson(strategyToJson(strategy), 4);
}

void writeStrategy(const std::filesystem::path& path, const Strategy& strategy)
{
    writeFileAtomically(path, strategyToJsonText(strategy));
}

Strategy parseStrategy(const std::string& text, const std::string& fileName)
{
    const auto root = parseJsonText(text, fileName);
    if (!root.is_object())
        throw Error(ErrorCode::Format, fileName + ": expected a strategy object {\"<module key>\": record, ...}");
    const bool isJob = root.contains("strategy");
    const auto& obj = isJob ? root["strategy"] : root;
    const std::string base = fileName + ": " + (isJob ? "strategy" : "");
    if (!obj.is_object() || obj.empty())
        throw Error(ErrorCode::Format, base + (isJob ? "" : "strategy") + ": expected a non-empty object of module records");
    Strategy s;
    for (const auto& [key, value] : obj.items())
        s.emplace_back(key, recordFromJson(value, base + "[\"" + key + "\"]"));
    return s;
}

Strategy readStrategy(const std::filesystem::path& path)
{
    return parseStrategy(readFile(path), path.string());
}

std::vector<int> choiceFromStrategy(const OptimizerProblem& problem, const Strategy& strategy)
{
    std::vector<int> choice;
    for (const auto& slot : problem.moduleSlots) {
        const OptionRecord* chosen = nullptr;
        for (const auto& [key, record] : strategy)
            if (key == slot.key)
                chosen = &record;
        if (!chosen)
            throw Error(ErrorCode::InvalidArgument, "strategy: no record for module " + slot.key);
        int found = -1;
        for (size_t o = 0; o < slot.records.size() && found < 0; ++o)
            if (slot.records[o] == *chosen)
                found = int(o);
        // A strategy from another measurement of the same model: match the recipe, not the accuracy.
        for (size_t o = 0; o < slot.records.size() && found < 0; ++o)
            if (slot.records[o].totalBits == chosen->totalBits && slot.records[o].linears == chosen->linears)
                found = int(o);
        if (found < 0)
            throw Error(ErrorCode::InvalidArgument, "strategy[\"" + slot.key + "\"]: record (total_bits " +
                                                        std::to_string(chosen->totalBits) +
                                                        ") is not one of the measured options of this module");
        choice.push_back(found);
    }
    return choice;
}

}  // namespace exl2
