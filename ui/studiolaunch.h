// How exl2-studio starts: its command line parsed into the window to open first, or into help, version
// or a usage error to print (StudioLaunch).
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace exl2 {

inline constexpr char kStudioVersion[] = "0.1.0";

struct StudioLaunch {
    enum class Window { Home, Wizard, Inspector, Comparison };
    enum class Exit { None, Help, Version, UsageError };  // print `message` and exit (0, 0, 2)

    Window window = Window::Home;
    Exit exit = Exit::None;
    QString message;
    QStringList measurements;  // Inspector: one; Comparison: two or more; Wizard: one to reuse, or none
    QString modelDir, outputDir, page, screenshot, strategyFile, language, theme;
    bool demo = false, scriptedJob = false;
    std::optional<double> bits;
    std::optional<int> rows, length;
};

// Needs no QCoreApplication, so --help and --version work without a display. arguments[0] = program.
// The help text is in the language of the translator installed when it runs (English without one).
// FILE.json -> Inspector; --compare A B [...] -> Comparison; wizard options (--demo, --page, --output,
// --bits, --rows, --length, --strategy, --scripted-job, or --model without a file) -> Wizard; else Home.
StudioLaunch parseStudioLaunch(const QStringList& arguments);

}  // namespace exl2
