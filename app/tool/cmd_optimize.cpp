// `exl2-tool optimize`: the bit allocation for a target bpw from a measurement.json, without touching
// weights. The budget needs the decoder's weight count: from --model's config.json when given, otherwise
// recovered from the measurement's own total_bits (exact for the reference option tables).
#include "command.h"
#include "common/cli.h"
#include "model/model_config.h"
#include "optimize/measurement.h"
#include "optimize/optimizer.h"
#include "optimize/strategy.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace {

int64_t pad32(int64_t n) { return (n + 31) / 32 * 32; }

// Weights per slot (attention, MLP per layer) from the model's dimensions: K x N with N padded to 32,
// the reference's numel(); MoE counts every expert, not the router.
std::vector<uint64_t> numelFromConfig(const exl2::ModelConfig& c, size_t slotCount, const std::string& dir)
{
    if (slotCount != size_t(2 * c.numLayers))
        throw exl2::Error(exl2::ErrorCode::InvalidArgument,
                          dir + ": the model has " + std::to_string(c.numLayers) + " layers (" +
                              std::to_string(2 * c.numLayers) + " attention/MLP modules) but the measurement has " +
                              std::to_string(slotCount));
    const int64_t h = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim, im = c.intermediateSize;
    std::vector<uint64_t> out;
    for (int64_t i = 0; i < c.numLayers; ++i) {
        out.push_back(uint64_t(h * pad32(q) + 2 * h * pad32(kv) + q * pad32(h)));
        const auto& keys = c.layers.size() > size_t(i) ? c.layers[size_t(i)] : exl2::LayerKeys{};
        const bool gate = c.isMoe() || !keys.gate.empty() || !keys.fusedGateUp.empty();
        const int64_t experts = c.isMoe() ? c.numExperts : 1;
        out.push_back(uint64_t(experts * ((gate ? 2 : 1) * h * pad32(im) + im * pad32(h))));
    }
    return out;
}

std::string describe(const exl2::OptionRecord& r)
{
    std::string out;
    for (const auto& [name, qp] : r.linears)
        out += (out.empty() ? "" : ", ") + name + " " + qp.description();
    return out;
}

nlohmann::ordered_json allocationJson(const exl2::OptimizerProblem& p, const exl2::Allocation& a)
{
    nlohmann::ordered_json modules = nlohmann::ordered_json::array();
    for (size_t i = 0; i < a.choices.size(); ++i) {
        const auto& s = a.choices[i];
        modules.push_back({{"key", s.key}, {"option", s.option}, {"description", describe(p.moduleSlots[i].records[size_t(s.option)])},
                           {"total_bits", s.totalBits}, {"numel", s.numel}, {"bpw", s.bpw}, {"error", s.error}});
    }
    return {{"method", a.method}, {"bpw", a.bpw}, {"total_bits", a.totalBits}, {"error_norm", a.errorNorm},
            {"objective", a.objective}, {"sum_log_err", a.sumLogErr}, {"max_err", a.maxErr}, {"modules", modules}};
}

int runOptimize(const std::vector<std::string>& args)
{
    exl2cli::ArgParser parser("exl2-tool optimize",
                              "Print the bit allocation the optimizer picks for a target, from a measurement.json "
                              "(ours or exllamav2's, or a job file holding one). --model is needed only when the "
                              "weight counts cannot be recovered from the measurement (non-reference option tables, "
                              "MLP biases).");
    parser.positional("MEASUREMENT", "measurement.json or job_new.json");
    parser.option("-b,--bits", "BITS", "target bits per weight of the decoder layers");
    parser.option("--model", "DIR", "model folder whose config.json gives the weight counts");
    parser.option("--method", "NAME", "exact, anneal or both", "exact");
    parser.option("--seed", "N", "annealer seed", "0");
    parser.option("--strategy-out", "FILE", "also write the (first method's) strategy JSON here");
    parser.option("--json", "", "print JSON instead of text");
    parser.parse(args);
    if (parser.helpRequested()) {
        std::cout << parser.usage();
        return 0;
    }
    if (!parser.has("bits"))
        throw exl2cli::UsageError("-b/--bits is required");
    const std::string methodName = parser.value("method", "exact");
    std::vector<exl2::OptimizeMethod> methods;
    if (methodName == "exact" || methodName == "both")
        methods.push_back(exl2::OptimizeMethod::Exact);
    if (methodName == "anneal" || methodName == "both")
        methods.push_back(exl2::OptimizeMethod::Anneal);
    if (methods.empty())
        throw exl2cli::UsageError("--method: expected exact, anneal or both, got '" + methodName + "'");

    const auto measurement = exl2::readMeasurement(*parser.positionalValue("MEASUREMENT"));
    exl2::OptimizerProblem problem;
    if (parser.has("model")) {
        const std::string dir = parser.value("model");
        size_t slots = 0;
        for (const auto& m : measurement.modules)
            slots += m.kind == exl2::MeasuredKind::None ? 0 : m.kind == exl2::MeasuredKind::ParallelDecoder ? 2 : 1;
        problem = exl2::buildProblem(measurement, numelFromConfig(exl2::loadModelConfig(dir), slots, dir));
    } else {
        problem = exl2::buildProblem(measurement);
    }

    exl2::OptimizeSettings settings;
    settings.targetBpw = parser.number("bits", 0);
    settings.seed = uint64_t(parser.integer("seed", 0));
    std::vector<exl2::Allocation> results;
    for (auto m : methods) {
        settings.method = m;
        results.push_back(exl2::optimizeAllocation(problem, settings));
    }
    if (parser.has("strategy-out"))
        exl2::writeStrategy(parser.value("strategy-out"), exl2::strategyFromAllocation(problem, results.front()));

    if (parser.has("json")) {
        nlohmann::ordered_json out = {{"target_bpw", settings.targetBpw}, {"budget_bits", results.front().budget},
                                      {"numel", problem.numel()}, {"min_bpw", problem.minBpw()}, {"max_bpw", problem.maxBpw()},
                                      {"warnings", results.front().warnings}};
        for (const auto& a : results)
            out["allocations"].push_back(allocationJson(problem, a));
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    for (const auto& w : results.front().warnings)
        std::cout << " !! Warning: " << w << "\n";
    std::printf(" -- Decoder weights: %llu, reachable %.4f to %.4f bpw, budget %llu bits\n",
                (unsigned long long)problem.numel(), problem.minBpw(), problem.maxBpw(),
                (unsigned long long)results.front().budget);
    for (const auto& a : results) {
        std::printf(" -- Method: %s\n", a.method.c_str());
        std::cout << exl2::formatAllocation(a);
        std::printf(" -- Options chosen:\n");
        for (size_t i = 0; i < a.choices.size(); ++i)
            std::printf(" --   %-40s #%-2d %s\n", a.choices[i].key.c_str(), a.choices[i].option,
                        describe(problem.moduleSlots[i].records[size_t(a.choices[i].option)]).c_str());
    }
    std::fflush(stdout);
    return 0;
}

}  // namespace

EXL2_TOOL_COMMAND(optimize, "print the bit allocation for a target bpw from a measurement.json", runOptimize)
