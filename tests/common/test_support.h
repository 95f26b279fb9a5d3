// Helpers shared by the Qt Test suites: where the shared fixtures and golden files are, and a skip
// with a clear message when ../shared is absent (a user's clone has none).
#pragma once

#include <QtTest>

#include <filesystem>
#include <string>

namespace exl2test {

inline std::filesystem::path sharedDir() { return std::filesystem::path(EXL2_SHARED_DIR); }
inline std::filesystem::path testDataDir() { return std::filesystem::path(EXL2_TEST_DATA_DIR); }
inline std::filesystem::path binaryDir() { return std::filesystem::path(EXL2_BINARY_DIR); }
inline bool haveShared() { return std::filesystem::exists(sharedDir() / "models" / "stories260k" / "config.json"); }

// A fresh empty folder under the build tree for one test case.
inline std::filesystem::path scratchDir(const std::string& name)
{
    const auto dir = binaryDir() / "test-scratch" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace exl2test

// Use at the top of a test function that needs ../shared.
#define EXL2_REQUIRE_SHARED()                                                                              \
    do {                                                                                                   \
        if (!exl2test::haveShared())                                                                       \
            QSKIP(qPrintable(QString("shared test fixtures not found at %1 (a clone without ../shared): "  \
                                     "skipping this case")                                                 \
                                 .arg(QString::fromStdString(exl2test::sharedDir().string()))));          \
    } while (0)
