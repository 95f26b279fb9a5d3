// A small command-line parser shared by exl2-convert and exl2-tool: declared options with help text,
// "-x VALUE", "--long VALUE" and "--long=VALUE", positional arguments, and one clear error for anything unknown.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace exl2cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ArgParser {
public:
    ArgParser(std::string program, std::string summary);

    // `names` like "-b,--bits"; valueName empty = a flag.
    void option(const std::string& names, const std::string& valueName, const std::string& help,
                const std::string& defaultText = {});
    void positional(const std::string& name, const std::string& help, bool required = true);

    // Throws UsageError with a message naming the offending argument. "-h/--help" sets helpRequested().
    void parse(const std::vector<std::string>& args);

    bool helpRequested() const { return m_help; }
    std::string usage() const;

    bool has(const std::string& name) const;  // by long name without dashes ("bits") or short ("b")
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    double number(const std::string& name, double fallback) const;   // UsageError if not a number
    long long integer(const std::string& name, long long fallback) const;
    std::optional<std::string> positionalValue(const std::string& name) const;

private:
    struct Option {
        std::vector<std::string> names;
        std::string key;
        std::string valueName, help, defaultText;
    };
    struct Positional {
        std::string name, help;
        bool required;
    };
    const Option* find(const std::string& arg) const;
    std::string keyOf(const std::string& name) const;

    std::string m_program, m_summary;
    std::vector<Option> m_options;
    std::vector<Positional> m_positionals;
    std::map<std::string, std::string> m_values;
    std::map<std::string, std::string> m_positionalValues;
    bool m_help = false;
};

}  // namespace exl2cli
