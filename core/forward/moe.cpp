#include "forward/blocks.h"

#include "forward/ops.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace exl2 {

Routing routeTokens(const float* logits, int64_t tokens, int64_t numExperts, int64_t topK)
{
    Routing r;
    r.experts.resize(size_t(tokens * topK));
    r.weights.resize(size_t(tokens * topK));
    std::vector<float> p(static_cast<size_t>(numExperts));
    std::vector<int32_t> order(static_cast<size_t>(numExperts));
    for (int64_t t = 0; t < tokens; ++t) {
        const float* l = logits + t * numExperts;
        const float maxv = *std::max_element(l, l + numExperts);
        double sum = 0;
        for (int64_t e = 0; e < numExperts; ++e)
            sum += (p[size_t(e)] = std::exp(l[e] - maxv));
        for (auto& v : p)
            v = float(v / sum);
        std::iota(order.begin(), order.end(), 0);
        // Ties go to the lower expert index, as torch.topk returns them on CPU.
        std::partial_sort(order.begin(), order.begin() + topK, order.end(), [&](int32_t a, int32_t b) {
            return p[size_t(a)] > p[size_t(b)] || (p[size_t(a)] == p[size_t(b)] && a < b);
        });
        float chosen = 0;
        for (int64_t j = 0; j < topK; ++j)
            chosen += p[size_t(order[size_t(j)])];
        for (int64_t j = 0; j < topK; ++j) {
            r.experts[size_t(t * topK + j)] = order[size_t(j)];
            r.weights[size_t(t * topK + j)] = p[size_t(order[size_t(j)])] / chosen;
        }
    }
    return r;
}

Routing routeTokens(Backend& backend, const float* logits, int64_t tokens, int64_t numExperts, int64_t topK)
{
    Routing r;
    r.experts.resize(size_t(tokens * topK));
    r.weights.resize(size_t(tokens * topK));
    if (tokens > 0 && topK > 0 && topK <= numExperts &&
        backend.routeTopK(logits, tokens, numExperts, topK, r.experts.data(), r.weights.data()))
        return r;
    return routeTokens(logits, tokens, numExperts, topK);
}

void moeForward(Backend& backend, const ModelConfig& c, const MoeWeights& w, HiddenStates& states,
                const ModuleHooks& hooks)
{
    const int64_t tokens = states.tokens(), hidden = states.width;
    const int64_t numExperts = c.numExperts, topK = c.expertsPerToken;

    std::vector<float> x(size_t(tokens * hidden));
    rmsNorm(backend, states.data.data(), x.data(), tokens, hidden, w.norm, c.normEps, c.normOffset);
    std::vector<float> logits(size_t(tokens * numExperts));
    applyLinear(backend, hooks.pick(w.routerKey, w.router), x.data(), tokens, logits.data());
    const Routing routing = routeTokens(backend, logits.data(), tokens, numExperts, topK);

    std::vector<float> out(size_t(tokens * hidden), 0.0f);
    std::vector<float> xe, g, u, y;
    for (int64_t e = 0; e < numExperts; ++e) {
        hooks.observe(w.gateKeys[size_t(e)], x.data(), tokens, hidden);
        hooks.observe(w.upKeys[size_t(e)], x.data(), tokens, hidden);
        std::vector<int64_t> rowsOf;
        std::vector<float> weightOf;
        for (int64_t t = 0; t < tokens; ++t)
            for (int64_t j = 0; j < topK; ++j)
                if (routing.experts[size_t(t * topK + j)] == e) {
                    rowsOf.push_back(t);
                    weightOf.push_back(routing.weights[size_t(t * topK + j)]);
                }
        const int64_t n = int64_t(rowsOf.size());
        if (n == 0)
            continue;
        const LinearWeights& gate = hooks.pick(w.gateKeys[size_t(e)], w.gate[size_t(e)]);
        const LinearWeights& up = hooks.pick(w.upKeys[size_t(e)], w.up[size_t(e)]);
        const LinearWeights& down = hooks.pick(w.downKeys[size_t(e)], w.down[size_t(e)]);
        const int64_t inter = up.outFeatures;
        xe.resize(size_t(n * hidden));
        for (int64_t i = 0; i < n; ++i)
            std::copy_n(x.data() + rowsOf[size_t(i)] * hidden, hidden, xe.data() + i * hidden);
        g.resize(size_t(n * inter));
        u.resize(size_t(n * inter));
        applyLinear(backend, gate, xe.data(), n, g.data());
        applyLinear(backend, up, xe.data(), n, u.data());
        gatedActivation(backend, c.activation, g.data(), u.data(), n * inter);
        hooks.observe(w.downKeys[size_t(e)], g.data(), n, inter);
        y.resize(size_t(n * hidden));
        applyLinear(backend, down, g.data(), n, y.data());
        for (int64_t i = 0; i < n; ++i) {
            float* dst = out.data() + rowsOf[size_t(i)] * hidden;
            const float wt = weightOf[size_t(i)];
            for (int64_t h = 0; h < hidden; ++h)
                dst[h] += wt * y[size_t(i * hidden + h)];
        }
    }
    if (!w.postNorm.empty())
        rmsNorm(backend, out.data(), out.data(), tokens, hidden, w.postNorm, c.normEps, c.normOffset);
    addInPlace(states.data.data(), out.data(), tokens * hidden);
}

}  // namespace exl2
