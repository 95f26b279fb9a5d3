// exl2-tool's sub-commands register themselves here, one file per command (cmd_<name>.cpp).
#pragma once

#include <string>
#include <vector>

namespace exl2tool {

struct ToolCommand {
    std::string name;     // "inspect"
    std::string summary;  // one line for `exl2-tool --help`
    int (*run)(const std::vector<std::string>& args);  // args after the command name; returns the exit code
};

std::vector<ToolCommand>& toolCommands();

struct CommandRegistrar {
    explicit CommandRegistrar(ToolCommand command) { toolCommands().push_back(std::move(command)); }
};

}  // namespace exl2tool

// In a command's .cpp: EXL2_TOOL_COMMAND(inspect, "print what a model folder holds", runInspect)
#define EXL2_TOOL_COMMAND(id, summary, fn) \
    static const exl2tool::CommandRegistrar exl2ToolCommand_##id{exl2tool::ToolCommand{#id, summary, fn}};
