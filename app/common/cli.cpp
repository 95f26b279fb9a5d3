#include "cli.h"

#include <cmath>
#include <sstream>

namespace exl2cli {

namespace {

std::vector<std::string> splitNames(const std::string& names)
{
    std::vector<std::string> out;
    std::stringstream ss(names);
    std::string item;
    while (std::getline(ss, item, ','))
        out.push_back(item);
    return out;
}

std::string stripDashes(const std::string& s)
{
    size_t i = 0;
    while (i < s.size() && s[i] == '-')
        ++i;
    return s.substr(i);
}

}  // namespace

ArgParser::ArgParser(std::string program, std::string summary) : m_program(std::move(program)), m_summary(std::move(summary)) {}

void ArgParser::option(const std::string& names, const std::string& valueName, const std::string& help,
                       const std::string& defaultText)
{
    Option o;
    o.names = splitNames(names);
    o.key = stripDashes(o.names.back());
    o.valueName = valueName;
    o.help = help;
    o.defaultText = defaultText;
    m_options.push_back(o);
}

void ArgParser::positional(const std::string& name, const std::string& help, bool required)
{
    m_positionals.push_back({name, help, required});
}

const ArgParser::Option* ArgParser::find(const std::string& arg) const
{
    for (const Option& o : m_options)
        for (const std::string& n : o.names)
            if (n == arg)
                return &o;
    return nullptr;
}

std::string ArgParser::keyOf(const std::string& name) const
{
    const std::string bare = stripDashes(name);
    for (const Option& o : m_options)
        for (const std::string& n : o.names)
            if (stripDashes(n) == bare)
                return o.key;
    return bare;
}

void ArgParser::parse(const std::vector<std::string>& args)
{
    size_t nextPositional = 0;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "-h" || arg == "--help") {
            m_help = true;
            return;
        }
        if (arg.size() > 1 && arg[0] == '-' && !(std::isdigit(static_cast<unsigned char>(arg[1])) || arg[1] == '.')) {
            std::string inlineValue;
            bool hasInline = false;
            if (const size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
                inlineValue = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
                hasInline = true;
            }
            const Option* o = find(arg);
            if (!o)
                throw UsageError("unknown option '" + arg + "' (see " + m_program + " --help)");
            if (o->valueName.empty()) {
                if (hasInline)
                    throw UsageError("option '" + arg + "' takes no value");
                m_values[o->key] = "1";
                continue;
            }
            if (hasInline) {
                m_values[o->key] = inlineValue;
            } else {
                if (i + 1 >= args.size())
                    throw UsageError("option '" + arg + "' needs a value: " + o->valueName);
                m_values[o->key] = args[++i];
            }
            continue;
        }
        if (nextPositional >= m_positionals.size())
            throw UsageError("unexpected argument '" + arg + "' (see " + m_program + " --help)");
        m_positionalValues[m_positionals[nextPositional++].name] = arg;
    }
    for (size_t p = nextPositional; p < m_positionals.size(); ++p)
        if (m_positionals[p].required)
            throw UsageError("missing argument " + m_positionals[p].name + " (see " + m_program + " --help)");
}

std::string ArgParser::usage() const
{
    std::ostringstream out;
    out << "Usage: " << m_program;
    if (!m_options.empty())
        out << " [options]";
    for (const Positional& p : m_positionals)
        out << (p.required ? " " : " [") << p.name << (p.required ? "" : "]");
    out << "\n\n" << m_summary << "\n";
    if (!m_positionals.empty()) {
        out << "\nArguments:\n";
        for (const Positional& p : m_positionals)
            out << "  " << p.name << std::string(p.name.size() < 26 ? 26 - p.name.size() : 1, ' ') << p.help << "\n";
    }
    out << "\nOptions:\n";
    std::vector<std::pair<std::string, std::string>> rows{{"-h, --help", "show this help and exit"}};
    for (const Option& o : m_options) {
        std::string left;
        for (size_t i = 0; i < o.names.size(); ++i)
            left += (i ? ", " : "") + o.names[i];
        if (!o.valueName.empty())
            left += " " + o.valueName;
        std::string right = o.help;
        if (!o.defaultText.empty())
            right += " (default: " + o.defaultText + ")";
        rows.emplace_back(left, right);
    }
    for (const auto& [l, r] : rows)
        out << "  " << l << std::string(l.size() < 26 ? 26 - l.size() : 1, ' ') << r << "\n";
    return out.str();
}

bool ArgParser::has(const std::string& name) const { return m_values.count(keyOf(name)) > 0; }

std::string ArgParser::value(const std::string& name, const std::string& fallback) const
{
    const auto it = m_values.find(keyOf(name));
    return it == m_values.end() ? fallback : it->second;
}

double ArgParser::number(const std::string& name, double fallback) const
{
    if (!has(name))
        return fallback;
    const std::string v = value(name);
    try {
        size_t used = 0;
        const double d = std::stod(v, &used);
        if (used != v.size() || !std::isfinite(d))
            throw std::invalid_argument(v);
        return d;
    } catch (const std::exception&) {
        throw UsageError("option --" + keyOf(name) + ": '" + v + "' is not a number");
    }
}

long long ArgParser::integer(const std::string& name, long long fallback) const
{
    if (!has(name))
        return fallback;
    const std::string v = value(name);
    try {
        size_t used = 0;
        const long long n = std::stoll(v, &used);
        if (used != v.size())
            throw std::invalid_argument(v);
        return n;
    } catch (const std::exception&) {
        throw UsageError("option --" + keyOf(name) + ": '" + v + "' is not a whole number");
    }
}

std::optional<std::string> ArgParser::positionalValue(const std::string& name) const
{
    const auto it = m_positionalValues.find(name);
    if (it == m_positionalValues.end())
        return std::nullopt;
    return it->second;
}

}  // namespace exl2cli
