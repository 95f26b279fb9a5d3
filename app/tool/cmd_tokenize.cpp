// `exl2-tool tokenize`: the token ids a model's tokenizer.json gives for a text, as the converter sees them.
#include "command.h"
#include "common/cli.h"
#include "tokenizer/tokenizer.h"
#include "util/atomic_file.h"

#include <iostream>

namespace {

int runTokenize(const std::vector<std::string>& args)
{
    exl2cli::ArgParser parser("exl2-tool tokenize",
                              "Tokenize a text with MODEL_DIR/tokenizer.json; prints the ids on one line, then the count.");
    parser.positional("MODEL_DIR", "model folder holding tokenizer.json");
    parser.option("-t,--text", "STR", "the text to tokenize");
    parser.option("-f,--file", "F", "a UTF-8 text file to tokenize");
    parser.option("--no-special", "", "do not add the post-processor's special tokens (BOS, ...)");
    parser.parse(args);
    if (parser.helpRequested()) {
        std::cout << parser.usage();
        return 0;
    }
    if (parser.has("text") == parser.has("file"))
        throw exl2cli::UsageError("give exactly one of --text STR or --file F");
    const std::string text = parser.has("text") ? parser.value("text") : exl2::readFile(parser.value("file"));
    const auto tokenizer = exl2::Tokenizer::fromModelDir(*parser.positionalValue("MODEL_DIR"));
    const auto ids = tokenizer.encode(text, !parser.has("no-special"));
    std::string line;
    for (size_t i = 0; i < ids.size(); ++i)
        line += (i ? " " : "") + std::to_string(ids[i]);
    std::cout << line << "\n" << ids.size() << " tokens\n";
    return 0;
}

}  // namespace

EXL2_TOOL_COMMAND(tokenize, "print the token ids of a text (--text or --file) with a model's tokenizer", runTokenize)
