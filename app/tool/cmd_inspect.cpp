// `exl2-tool inspect MODEL_DIR`: what a Hugging Face model folder holds (architecture, dimensions, parameters,
// dtype, RoPE), what converting it would need (RAM, VRAM) and what exllamav2's converter would warn about.
#include "command.h"
#include "common/cli.h"
#include "io/safetensors.h"
#include "model/model_check.h"
#include "model/model_config.h"
#include "model/model_report.h"
#include "util/error.h"

#include <iostream>

namespace {

int runInspect(const std::vector<std::string>& args)
{
    exl2cli::ArgParser parser("exl2-tool inspect", "Describe a Hugging Face model folder and estimate a conversion.");
    parser.positional("MODEL_DIR", "folder with config.json and *.safetensors");
    parser.option("--json", "", "print the facts as one JSON object");
    parser.option("-r,--rows", "N", "calibration rows assumed for the estimate", "100");
    parser.option("-l,--length", "N", "calibration tokens per row assumed for the estimate", "2048");
    parser.parse(args);
    if (parser.helpRequested()) {
        std::cout << parser.usage();
        return 0;
    }
    const long long rows = parser.integer("rows", 100), length = parser.integer("length", 2048);
    if (rows <= 0 || length <= 0)
        throw exl2cli::UsageError("--rows and --length must be positive");
    const std::string dir = *parser.positionalValue("MODEL_DIR");

    const exl2::ModelConfig config = exl2::loadModelConfig(dir);
    const auto reader = exl2::SafetensorsReader::open(dir);
    exl2::checkModelTensors(config, reader);
    const exl2::ModelSummary summary = exl2::summarizeModel(config, reader, rows, length);
    if (parser.has("json"))
        std::cout << exl2::modelReportJson(config, summary).dump(2) << "\n";
    else
        std::cout << exl2::modelReportText(config, summary);
    return 0;
}

}  // namespace

EXL2_TOOL_COMMAND(inspect, "describe a model folder: dimensions, parameters, RoPE, RAM/VRAM estimate, warnings",
                  runInspect)
