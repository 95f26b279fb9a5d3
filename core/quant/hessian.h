// The GPTQ Hessian of one layer input: accumulation over calibration rows and averaging (format spec §6.1),
// then prepare() (§6.2): activation-order permutation, 12% damping with the retry loop, and the upper
// Cholesky factor of H⁻¹. A PreparedHessian is shared by every layer reading the same input (§6.4:
// q/k/v, gate/up) and reused for every QParams option measured on it.
#pragma once

#include "backend/backend.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace exl2 {

class HessianAccumulator {
public:
    explicit HessianAccumulator(int64_t k);
    // One calibration row's layer input x [tokens][K] (fp16 values promoted to float): H += xᵀx, batches += 1.
    void addBatch(Backend& backend, const float* x, int64_t tokens);
    int64_t k() const { return m_k; }
    int64_t batches() const { return m_batches; }
    // H / batches, or the identity when nothing was added (§6.1). Averaged over rows, not tokens.
    std::vector<float> averaged() const;

private:
    int64_t m_k;
    int64_t m_batches = 0;
    std::vector<float> m_h;
};

struct PreparedHessian {
    std::string layerName;
    int64_t k = 0;
    std::vector<int32_t> perm;    // stored row s holds input perm[s]: argsort(diag H, descending), stable (§2.3)
    std::vector<int32_t> invperm; // invperm[perm[s]] = s, written as q_invperm
    std::vector<float> u;         // [K][K] upper factor of (damped, permuted H)⁻¹; empty when hasFactor is false
    bool hasFactor = false;       // false for the round-to-nearest path (§6.5)
    int dampingAttempts = 0;      // how many times the damping was added (1 when the first try worked)
    uint64_t factorId = 0;        // unique per computed factor (never 0 then): lets a GPU keep u resident
};

using LogFn = std::function<void(const std::string&)>;

// §6.2 with `hessian` = the averaged H [K][K] (taken by value; its storage becomes the factor).
// computeFactor = false gives the permutation only (RTN, §6.5). Each failed factorization logs
// "<layer>: Applied additional damping"; after 10 attempts throws Error(Numerical) "<layer>: Hessian is not
// invertible". Throws Error(InvalidArgument) when the size is not K×K.
// `scratch` (optional) is a buffer the caller keeps between layers for the permuted, damped copy of H
// (K·K floats; fresh large buffers are slow to first touch, toolchain.md §11).
PreparedHessian prepareHessian(Backend& backend, std::vector<float> hessian, int64_t k, const std::string& layerName,
                               const LogFn& log, bool computeFactor = true, std::vector<float>* scratch = nullptr);

}  // namespace exl2
