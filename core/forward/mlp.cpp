#include "forward/blocks.h"

#include "forward/ops.h"

namespace exl2 {

void mlpForward(Backend& backend, const ModelConfig& c, const MlpWeights& w, HiddenStates& states,
                const ModuleHooks& hooks)
{
    const int64_t tokens = states.tokens(), hidden = states.width;
    const LinearWeights& gate = hooks.pick(w.gateKey, w.gate);
    const LinearWeights& up = hooks.pick(w.upKey, w.up);
    const LinearWeights& down = hooks.pick(w.downKey, w.down);
    const int64_t inter = up.outFeatures;

    std::vector<float> x(size_t(tokens * hidden));
    rmsNorm(backend, states.data.data(), x.data(), tokens, hidden, w.norm, c.normEps, c.normOffset);
    if (!gate.empty())
        hooks.observe(w.gateKey, x.data(), tokens, hidden);
    hooks.observe(w.upKey, x.data(), tokens, hidden);

    std::vector<float> u(size_t(tokens * inter));
    applyLinear(backend, up, x.data(), tokens, u.data());
    std::vector<float> g(size_t(tokens * inter));
    if (!gate.empty()) {
        applyLinear(backend, gate, x.data(), tokens, g.data());
        gatedActivation(backend, c.activation, g.data(), u.data(), tokens * inter);
    } else {
        for (size_t i = 0; i < g.size(); ++i)
            g[i] = activate(c.activation, u[i]);
    }

    hooks.observe(w.downKey, g.data(), tokens, inter);
    std::vector<float> out(size_t(tokens * hidden));
    applyLinear(backend, down, g.data(), tokens, out.data());
    if (!w.postNorm.empty())
        rmsNorm(backend, out.data(), out.data(), tokens, hidden, w.postNorm, c.normEps, c.normOffset);
    addInPlace(states.data.data(), out.data(), tokens * hidden);
}

}  // namespace exl2
