// `exl2-tool ppl-exl2 EXL2_DIR --file F`: perplexity of a converted EXL2 folder (weights dequantized
// exactly as a loader would see them), with the same text preparation and windows as `exl2-tool ppl`.
#include "backend/registry.h"
#include "command.h"
#include "common/cli.h"
#include "forward/perplexity.h"
#include "forward/transformer_model.h"
#include "model/model_config.h"
#include "pipeline/exl2_model.h"
#include "tokenizer/tokenizer.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <cstdio>
#include <iostream>

namespace {

int runPplExl2(const std::vector<std::string>& args)
{
    exl2cli::ArgParser parser("exl2-tool ppl-exl2", "Perplexity of an EXL2 model folder on a UTF-8 text file.");
    parser.positional("EXL2_DIR", "folder written by exl2-convert -cf (config.json, output*.safetensors, tokenizer.json)");
    parser.option("-f,--file", "FILE", "text file: paragraphs separated by blank lines");
    parser.option("-r,--rows", "N", "score only the first N windows (0 = all)", "0");
    parser.option("-l,--length", "N", "tokens per window (each window is scored after a BOS)", "256");
    parser.option("--device", "D", "cpu, cuda, cuda:N or auto", "auto");
    parser.parse(args);
    if (parser.helpRequested()) {
        std::cout << parser.usage();
        return 0;
    }
    if (!parser.has("file"))
        throw exl2cli::UsageError("--file is required");
    const long long rowsWanted = parser.integer("rows", 0), length = parser.integer("length", 256);
    if (rowsWanted < 0 || length < 1)
        throw exl2cli::UsageError("--rows must be >= 0 and --length >= 1");
    const std::filesystem::path dir = *parser.positionalValue("EXL2_DIR");
    const exl2::ModelConfig config = exl2::loadModelConfig(dir);
    const exl2::Tokenizer tokenizer = exl2::Tokenizer::fromModelDir(dir);
    exl2::TransformerModel model = exl2::TransformerModel::load(config, exl2::exl2TensorSource(dir, config));
    auto backend = exl2::BackendRegistry::create(parser.value("device", "auto"));
    const std::vector<int32_t> stream =
        tokenizer.encode(exl2::joinParagraphs(exl2::readFile(parser.value("file"))), false);
    const std::optional<int32_t> bos = config.bosTokenId ? std::optional<int32_t>(int32_t(*config.bosTokenId))
                                                         : tokenizer.bosTokenId();
    int64_t rows = 0;
    const std::vector<int32_t> ids = exl2::perplexityRows(stream, length, bos, rowsWanted, rows);
    if (rows == 0)
        throw exl2::Error(exl2::ErrorCode::InvalidArgument, parser.value("file") + ": fewer tokens than one window");
    const exl2::NllSum nll = exl2::evaluateNll(model, *backend, ids, rows, int64_t(ids.size()) / rows);
    char line[160];
    std::snprintf(line, sizeof line, " -- Perplexity: %.4f  (mean NLL %.6f nats over %lld tokens, %lld windows)\n",
                  nll.perplexity(), nll.meanNll(), (long long)nll.count, (long long)rows);
    std::cout << line;
    return 0;
}

}  // namespace

// Registered by hand: EXL2_TOOL_COMMAND builds an identifier from the name, which cannot hold '-'.
static const exl2tool::CommandRegistrar pplExl2Command{
    exl2tool::ToolCommand{"ppl-exl2", "perplexity of a converted EXL2 folder on a text file", runPplExl2}};
