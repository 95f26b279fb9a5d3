// `exl2-tool ppl MODEL_DIR --file F`: perplexity of an HF model or of a converted EXL2 folder (weights
// dequantized as a loader sees them) on a text file, with the method of the shared stories260K reference
// (paragraphs joined by "\n", one tokenization, windows of L tokens each scored after a BOS). The forward
// runs in fp32 on fp16-rounded weights unless --fp32-weights.
#include "backend/registry.h"
#include "command.h"
#include "common/cli.h"
#include "forward/perplexity.h"
#include "forward/transformer_model.h"
#include "io/safetensors.h"
#include "model/model_config.h"
#include "pipeline/exl2_model.h"
#include "tokenizer/tokenizer.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace {

int runPpl(const std::vector<std::string>& args)
{
    exl2cli::ArgParser parser("exl2-tool ppl", "Perplexity of a Hugging Face model or an EXL2 folder on a UTF-8 text file.");
    parser.positional("MODEL_DIR", "HF model folder, or an EXL2 folder written by exl2-convert -cf");
    parser.option("-f,--file", "FILE", "text file: paragraphs separated by blank lines");
    parser.option("-r,--rows", "N", "score only the first N windows (0 = all)", "0");
    parser.option("-l,--length", "N", "tokens per window (each window is scored after a BOS)", "256");
    parser.option("--batch", "N", "windows per forward pass", "8");
    parser.option("--device", "D", "cpu, cuda, cuda:N or auto", "auto");
    parser.option("--fp32-weights", "", "keep float32 weights instead of rounding them to fp16 as the converter does");
    parser.option("-rs,--rope-scale", "X", "RoPE position scale, as exl2-convert -rs");
    parser.option("-ra,--rope-alpha", "X", "RoPE NTK alpha, as exl2-convert -ra");
    parser.parse(args);
    if (parser.helpRequested()) {
        std::cout << parser.usage();
        return 0;
    }
    if (!parser.has("file"))
        throw exl2cli::UsageError("--file is required");
    const long long rowsWanted = parser.integer("rows", 0), length = parser.integer("length", 256);
    const long long batch = parser.integer("batch", 8);
    if (rowsWanted < 0 || length < 1 || batch < 1)
        throw exl2cli::UsageError("--rows must be >= 0, --length and --batch >= 1");

    const std::filesystem::path dir = *parser.positionalValue("MODEL_DIR");
    const auto start = std::chrono::steady_clock::now();
    const exl2::ModelConfig config = exl2::loadModelConfig(dir);
    const exl2::Tokenizer tokenizer = exl2::Tokenizer::fromModelDir(dir);
    exl2::ForwardOptions options;
    options.keepFp32Weights = parser.has("fp32-weights");
    if (parser.has("rope-scale"))
        options.rope.scale = parser.number("rope-scale", 1.0);
    if (parser.has("rope-alpha"))
        options.rope.alpha = parser.number("rope-alpha", 1.0);
    const bool exl2Folder = exl2::isExl2Folder(dir);
    exl2::TransformerModel model =
        exl2Folder ? exl2::TransformerModel::load(config, exl2::exl2TensorSource(dir, config), options)
                   : exl2::TransformerModel::load(
                         config, std::make_shared<const exl2::SafetensorsReader>(exl2::SafetensorsReader::open(dir)),
                         options);
    auto backend = exl2::BackendRegistry::create(parser.value("device", "auto"));

    const std::string text = exl2::joinParagraphs(exl2::readFile(parser.value("file")));
    const std::vector<int32_t> stream = tokenizer.encode(text, false);
    const std::optional<int32_t> bos = config.bosTokenId ? std::optional<int32_t>(int32_t(*config.bosTokenId))
                                                         : tokenizer.bosTokenId();
    int64_t rows = 0;
    const std::vector<int32_t> ids = exl2::perplexityRows(stream, length, bos, rowsWanted, rows);
    if (rows == 0)
        throw exl2::Error(exl2::ErrorCode::InvalidArgument, parser.value("file") + ": " + std::to_string(stream.size()) +
                                                                " tokens, fewer than one window of " +
                                                                std::to_string(length));
    const int64_t rowLength = int64_t(ids.size()) / rows;
    std::cout << " -- Model: " << dir.string() << " (" << config.architecture << ", "
              << (exl2Folder ? "EXL2, dequantized" : options.keepFp32Weights ? "fp32" : "fp16") << " weights) on " << backend->info().name << "\n"
              << " -- Text: " << stream.size() << " tokens, " << rows << " windows of " << length << " tokens"
              << (bos ? " after BOS" : "") << "\n";
    const exl2::NllSum nll = exl2::evaluateNll(model, *backend, ids, rows, rowLength, batch);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char line[160];
    std::snprintf(line, sizeof line, " -- Perplexity: %.4f  (mean NLL %.6f nats over %lld tokens, %.1f s)\n",
                  nll.perplexity(), nll.meanNll(), (long long)nll.count, seconds);
    std::cout << line;
    return 0;
}

}  // namespace

EXL2_TOOL_COMMAND(ppl, "perplexity of an HF model or an EXL2 folder on a text file (windows after BOS)", runPpl)
