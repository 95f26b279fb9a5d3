// The GPU parity program's cases: each runs one Backend op on the CPU reference and on CUDA and returns a
// named error measure that must stay within the case's tolerance. Split by area into parity_*.cpp.
#pragma once

#include "backend/backend.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace exl2parity {

struct Case {
    std::string name;
    double tolerance; // the measure below must be ≤ this
    std::function<double(exl2::Backend& cpu, exl2::Backend& gpu)> run;
};

// Uniform values in [-1, 1) (normal ones with `normal`), reproducible from the seed.
std::vector<float> randomMatrix(size_t count, uint32_t seed, bool normal = false);
// max |reference − other| / max |reference| (infinite when other holds NaN/Inf).
double relativeError(const std::vector<float>& reference, const std::vector<float>& other);
// A well-conditioned symmetric positive definite n×n matrix.
std::vector<float> spdMatrix(int64_t n, uint32_t seed);
// A GPU op that declined (returned false) inside its documented limits fails the case.
void requireAccelerated(bool ran, const std::string& op);

std::vector<Case> linearAlgebraCases();
std::vector<Case> forwardCases();
std::vector<Case> quantCases();

}  // namespace exl2parity
