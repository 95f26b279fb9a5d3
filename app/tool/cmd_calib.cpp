// `exl2-tool calib`: builds the calibration rows a conversion would use (a user's parquet/jsonl/txt file
// or the built-in dataset) with the model's tokenizer, and prints how the rows were filled.
#include "calibration/calibration_rows.h"
#include "command.h"
#include "common/cli.h"
#include "tokenizer/tokenizer.h"

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace {

std::string printable(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else
            out += c;
    }
    return out;
}

int runCalib(const std::vector<std::string>& args)
{
    exl2cli::ArgParser parser("exl2-tool calib", "Tokenize calibration data into rows and show how they were filled.");
    parser.positional("MODEL_DIR", "model folder with tokenizer.json");
    parser.option("-c,--dataset", "FILE", "calibration file (.parquet, .jsonl, .json, .txt); default: built-in dataset");
    parser.option("--column", "NAME", "parquet column or jsonl field to read", "first string column / \"text\"");
    parser.option("-r,--rows", "N", "number of rows", "100");
    parser.option("-l,--length", "N", "tokens per row", "2048");
    parser.option("--seed", "N", "built-in dataset: seed of the row order", "0");
    parser.parse(args);
    if (parser.helpRequested()) {
        std::cout << parser.usage();
        return 0;
    }
    const long long rows = parser.integer("rows", 100);
    const long long length = parser.integer("length", 2048);
    const long long seed = parser.integer("seed", 0);
    if (rows < 1 || length < 1)
        throw exl2cli::UsageError("--rows and --length must be at least 1");
    if (seed < 0)
        throw exl2cli::UsageError("--seed must not be negative");

    const auto tokenizer = exl2::Tokenizer::fromModelDir(*parser.positionalValue("MODEL_DIR"));
    const exl2::EncodeFn encode = [&](std::string_view text) { return tokenizer.encode(text, false); };
    const auto result = parser.has("dataset")
                            ? exl2::buildRowsFromFile(parser.value("dataset"), parser.value("column"),
                                                      static_cast<size_t>(rows), static_cast<size_t>(length), encode)
                            : exl2::buildRowsFromBuiltin(static_cast<size_t>(rows), static_cast<size_t>(length),
                                                         static_cast<uint64_t>(seed), encode);

    std::cout << result.description << "\n\n";
    int width = 8;
    for (const auto& s : result.sources)
        width = std::max(width, static_cast<int>(s.name.size()) + 2);
    std::cout << std::left << std::setw(width) << "source" << std::right << std::setw(10) << "texts" << std::setw(12)
              << "tokens" << std::setw(8) << "rows" << "\n";
    for (const auto& s : result.sources)
        std::cout << std::left << std::setw(width) << s.name << std::right << std::setw(10) << s.texts << std::setw(12)
                  << s.tokens << std::setw(8) << s.rows << "\n";
    const size_t show = std::min<size_t>(50, result.length);
    const auto first = result.row(0).first(show);
    const auto last = result.row(result.rows - 1).last(show);
    std::cout << "\nFirst " << show << " tokens: \"" << printable(tokenizer.decode(first, false)) << "\"\n";
    std::cout << "Last " << show << " tokens: \"" << printable(tokenizer.decode(last, false)) << "\"\n";
    const auto vocab = tokenizer.vocabSize();
    size_t outside = 0;
    for (int32_t id : result.ids)
        outside += id < 0 || id >= vocab;
    std::cout << "Ids outside the tokenizer's " << vocab << " entries: " << outside << "\n";
    return 0;
}

}  // namespace

EXL2_TOOL_COMMAND(calib, "tokenize calibration data (file or built-in) into rows and show how they were filled", runCalib)
