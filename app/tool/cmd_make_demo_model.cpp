// `exl2-tool make-demo-model DIR [--moe]`: writes the built-in synthetic demo model (a small Llama folder,
// or with --moe a small Mixtral-style mixture of experts) to DIR.
#include "command.h"
#include "common/cli.h"
#include "model/demo_model.h"

#include <iostream>

namespace {

int runMakeDemoModel(const std::vector<std::string>& args)
{
    exl2cli::ArgParser parser("exl2-tool make-demo-model",
                              "Write the built-in demo model (synthetic weights, Llama architecture, F16) to DIR.");
    parser.positional("DIR", "folder to write (created if missing)");
    parser.option("--moe", "", "write the mixture-of-experts variant (MixtralForCausalLM, 4 experts, top 2)");
    parser.parse(args);
    if (parser.helpRequested()) {
        std::cout << parser.usage();
        return 0;
    }
    const std::string dir = *parser.positionalValue("DIR");
    if (parser.has("moe")) {
        exl2::writeDemoMoeModel(dir);
        using M = exl2::DemoMoeShape;
        std::cout << "Wrote the MoE demo model to " << dir << ": MixtralForCausalLM, hidden " << M::hidden
                  << ", intermediate " << M::intermediate << " per expert, " << M::experts << " experts (top "
                  << M::expertsPerToken << "), " << M::layers << " layers, " << M::heads << " heads, " << M::kvHeads
                  << " KV heads, vocab " << M::vocab << " (synthetic weights, not a trained model)\n";
        return 0;
    }
    exl2::writeDemoModel(dir);
    using S = exl2::DemoModelShape;
    std::cout << "Wrote the demo model to " << dir << ": LlamaForCausalLM, hidden " << S::hidden << ", intermediate "
              << S::intermediate << ", " << S::layers << " layers, " << S::heads << " heads, " << S::kvHeads
              << " KV heads, vocab " << S::vocab << " (synthetic weights, not a trained model)\n";
    return 0;
}

}  // namespace

// Registered by hand: EXL2_TOOL_COMMAND builds an identifier from the name, which cannot hold '-'.
static const exl2tool::CommandRegistrar makeDemoModelCommand{exl2tool::ToolCommand{
    "make-demo-model", "write the built-in synthetic demo model (small Llama, or --moe Mixtral; F16) to a folder", runMakeDemoModel}};
