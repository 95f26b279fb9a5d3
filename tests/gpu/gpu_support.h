// Helpers shared by the Qt-free GPU programs (bench_gpu, pipeline_parity): where their fixtures and scratch
// folders are when only the build folder travels to the GPU machine, environment knobs, opening the CUDA
// backend, and the exit code that tells CTest a program skipped.
#pragma once

#include "backend/backend.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace exl2gpu {

// CTest's SKIP_RETURN_CODE for these programs (gpu-check.sh reads it as "skipped" too).
inline constexpr int kSkipExitCode = 77;

// The running program's folder, and the build folder it belongs to (<build>/tests/gpu/<program> → <build>).
std::filesystem::path executableDir();
std::filesystem::path buildDir();

// The first folder holding models/stories260k/config.json and data/tinystories_val_sample.txt among
// $EXL2_FIXTURES_DIR, <program's folder>/fixtures (the device bundle scripts/build-gpu.sh makes),
// <build>/device/fixtures and the configured shared folder. Empty when none has them; `tried` then lists
// the folders looked at.
std::filesystem::path findFixtures(std::string& tried);

// A fresh, empty folder: $EXL2_SCRATCH_DIR/<name>, else <build>/test-scratch/<name>.
std::filesystem::path scratchDir(const std::string& name);

// An integer from the environment, `fallback` when unset. Throws exl2::Error(InvalidArgument) naming the
// variable when it is not an integer in [min, max].
int64_t envInt(const char* name, int64_t fallback, int64_t min, int64_t max);

// The device the programs test: $EXL2_GPU_CHECK_DEVICE, default "cuda". "cpu" runs their whole harness on
// the CPU backend (a self-test of the programs on a machine without a GPU: parity is then exact).
std::string deviceUnderTest();

// The backend of deviceUnderTest(), or null with the reason (no plugin, no driver, no device) in `reason`.
std::unique_ptr<exl2::Backend> openDevice(std::string& reason);

}  // namespace exl2gpu
