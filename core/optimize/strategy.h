// The optimizer's output as the converter consumes it: job["strategy"], an object mapping each
// decoder module key to its entire chosen measurement record. Saved by the allocation inspector,
// loaded by the converter and matched back to option indices of a measurement.
#pragma once

#include "optimize/optimizer.h"
#include "optimize/problem.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace exl2 {

using Strategy = std::vector<std::pair<std::string, OptionRecord>>;  // module key -> chosen record, in order

Strategy strategyFromAllocation(const OptimizerProblem& problem, const Allocation& allocation);
nlohmann::ordered_json strategyToJson(const Strategy& strategy);
std::string strategyToJsonText(const Strategy& strategy);  // json.dumps(indent=4) layout
void writeStrategy(const std::filesystem::path& path, const Strategy& strategy);

// Accepts a bare strategy object or a job file holding one under "strategy". Errors name the file and
// the JSON path of the bad field.
Strategy parseStrategy(const std::string& text, const std::string& fileName);
Strategy readStrategy(const std::filesystem::path& path);

// Option index per problem slot. Throws Error(InvalidArgument) naming the module when the strategy lacks
// one of the problem's modules or holds a record that is not one of its measured options.
std::vector<int> choiceFromStrategy(const OptimizerProblem& problem, const Strategy& strategy);

}  // namespace exl2
