#include "quant/hessian.h"

#include "util/error.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>

namespace exl2 {

HessianAccumulator::HessianAccumulator(int64_t k) : m_k(k), m_h(static_cast<size_t>(k * k), 0.0f)
{
    if (k <= 0)
        throw Error(ErrorCode::InvalidArgument, "HessianAccumulator: K = " + std::to_string(k) + ", expected > 0");
}

void HessianAccumulator::addBatch(Backend& backend, const float* x, int64_t tokens)
{
    if (tokens < 0)
        throw Error(ErrorCode::InvalidArgument, "HessianAccumulator: negative token count");
    backend.accumulateGram(x, tokens, m_k, m_h.data());
    ++m_batches;
}

std::vector<float> HessianAccumulator::averaged() const
{
    std::vector<float> h(static_cast<size_t>(m_k * m_k), 0.0f);
    if (m_batches == 0) {
        for (int64_t i = 0; i < m_k; ++i)
            h[i * m_k + i] = 1.0f;
        return h;
    }
    const float inv = 1.0f / float(m_batches);
    for (size_t i = 0; i < h.size(); ++i)
        h[i] = m_h[i] * inv;
    return h;
}

PreparedHessian prepareHessian(Backend& backend, std::vector<float> h, int64_t k, const std::string& layerName,
                               const LogFn& log, bool computeFactor, std::vector<float>* scratch)
{
    if (k <= 0 || int64_t(h.size()) != k * k)
        throw Error(ErrorCode::InvalidArgument, layerName + ": Hessian has " + std::to_string(h.size()) +
                                                    " values, expected K·K for K = " + std::to_string(k));
    PreparedHessian p;
    p.layerName = layerName;
    p.k = k;

    // §2.3: perm = argsort(diag H, descending). Stable, so ties keep input order; NaN sorts last.
    std::vector<float> key(static_cast<size_t>(k));
    for (int64_t i = 0; i < k; ++i) {
        const float d = h[i * k + i];
        key[i] = std::isnan(d) ? -std::numeric_limits<float>::infinity() : d;
    }
    p.perm.resize(static_cast<size_t>(k));
    std::iota(p.perm.begin(), p.perm.end(), 0);
    std::stable_sort(p.perm.begin(), p.perm.end(), [&](int32_t a, int32_t b) { return key[a] > key[b]; });
    p.invperm.resize(static_cast<size_t>(k));
    for (int64_t s = 0; s < k; ++s)
        p.invperm[p.perm[s]] = int32_t(s);
    if (!computeFactor)
        return p;

    // H ← H[perm][:, perm] (§6.2 step 1).
    std::vector<float> localScratch;
    std::vector<float>& hp = scratch ? *scratch : localScratch;
    hp.resize(static_cast<size_t>(k * k));
    for (int64_t r = 0; r < k; ++r) {
        const float* src = h.data() + int64_t(p.perm[r]) * k;
        float* dst = hp.data() + r * k;
        for (int64_t c = 0; c < k; ++c)
            dst[c] = src[p.perm[c]];
    }
    // Step 2: damp = max(0.12·mean(diag), 1e−5); step 3: add it cumulatively, at most 10 attempts.
    double mean = 0.0;
    for (int64_t i = 0; i < k; ++i)
        mean += hp[i * k + i];
    mean /= double(k);
    const float damp = std::isfinite(mean) ? float(std::max(0.12 * mean, 1e-5)) : 1e-5f;
    constexpr int kMaxAttempts = 10;
    for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
        for (int64_t i = 0; i < k; ++i)
            hp[i * k + i] += damp;
        std::copy(hp.begin(), hp.end(), h.begin());
        if (backend.upperCholeskyOfInverse(h.data(), k)) {
            p.u = std::move(h);
            p.hasFactor = true;
            p.dampingAttempts = attempt;
            static std::atomic<uint64_t> nextFactorId{1};
            p.factorId = nextFactorId.fetch_add(1);
            return p;
        }
        if (log)
            log(layerName + ": Applied additional damping");
    }
    throw Error(ErrorCode::Numerical, layerName + ": Hessian is not invertible (not positive definite or not finite "
                                                  "after " + std::to_string(kMaxAttempts) + " damping attempts of " +
                                                  std::to_string(damp) + " each)");
}

}  // namespace exl2
