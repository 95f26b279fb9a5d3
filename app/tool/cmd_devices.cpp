// `exl2-tool devices`: which compute backends this machine offers, and why CUDA is missing when it is.
#include "backend/registry.h"
#include "command.h"
#include "common/cli.h"

#include <iostream>

namespace {

int runDevices(const std::vector<std::string>& args)
{
    exl2cli::ArgParser parser("exl2-tool devices", "List the compute devices a conversion can use.");
    parser.parse(args);
    if (parser.helpRequested()) {
        std::cout << parser.usage();
        return 0;
    }
    for (const auto& c : exl2::BackendRegistry::choices()) {
        if (c.available)
            std::cout << c.id << "\t" << c.description << "\n";
        else
            std::cout << c.id << "\tunavailable: " << c.unavailableReason << "\n";
    }
    std::cout << "auto\t-> " << exl2::BackendRegistry::autoChoice() << "\n";
    return 0;
}

}  // namespace

EXL2_TOOL_COMMAND(devices, "list compute devices (CPU, CUDA) and which one 'auto' picks", runDevices)
