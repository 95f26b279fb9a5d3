// exl2-tool: headless helpers around the conversion core (inspect, tokenize, calib, ppl, optimize, ...).
#include "command.h"
#include "common/cli.h"
#include "util/error.h"

#include <algorithm>
#include <iostream>

namespace exl2tool {

std::vector<ToolCommand>& toolCommands()
{
    static std::vector<ToolCommand> commands;
    return commands;
}

}  // namespace exl2tool

namespace {

void printUsage(std::ostream& out)
{
    auto commands = exl2tool::toolCommands();
    std::sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    out << "Usage: exl2-tool COMMAND [options]\n\nHeadless tools of EXL2 Studio. Commands:\n";
    for (const auto& c : commands)
        out << "  " << c.name << std::string(c.name.size() < 18 ? 18 - c.name.size() : 1, ' ') << c.summary << "\n";
    out << "\nRun 'exl2-tool COMMAND --help' for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help") {
        printUsage(std::cout);
        return args.empty() ? 2 : 0;
    }
    const auto& commands = exl2tool::toolCommands();
    const auto it = std::find_if(commands.begin(), commands.end(), [&](const auto& c) { return c.name == args[0]; });
    if (it == commands.end()) {
        std::cerr << "exl2-tool: unknown command '" << args[0] << "'\n\n";
        printUsage(std::cerr);
        return 2;
    }
    try {
        return it->run(std::vector<std::string>(args.begin() + 1, args.end()));
    } catch (const exl2cli::UsageError& e) {
        std::cerr << "exl2-tool " << it->name << ": " << e.what() << "\n";
        return 2;
    } catch (const exl2::Error& e) {
        std::cerr << "exl2-tool " << it->name << ": error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "exl2-tool " << it->name << ": unexpected error: " << e.what() << "\n";
        return 1;
    }
}
