#include "forward/blocks.h"

#include "forward/ops.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace exl2 {
namespace {

// Scores, mask and softmax for one (row, head): q, k, v are length × headDim, out is length × headDim.
void attendHead(Backend& backend, const AttentionShape& a, const float* q, const float* k, const float* v,
                std::vector<float>& scores, float* out)
{
    const int64_t d = a.headDim, length = a.length, window = a.window;
    scores.assign(size_t(length * length), 0.0f);
    backend.gemm(false, true, length, length, d, float(a.scale), q, k, 0.0f, scores.data());
    for (int64_t i = 0; i < length; ++i) {
        float* s = scores.data() + i * length;
        if (a.softcap != 0.0)
            softcap(s, i + 1, a.softcap);
        const int64_t first = window > 0 ? std::max<int64_t>(0, i - window + 1) : 0;
        float maxv = -std::numeric_limits<float>::infinity();
        for (int64_t j = first; j <= i; ++j)
            maxv = std::max(maxv, s[j]);
        double sum = 0;
        for (int64_t j = 0; j < length; ++j) {
            if (j < first || j > i) {
                s[j] = 0.0f;
                continue;
            }
            s[j] = std::exp(s[j] - maxv);
            sum += s[j];
        }
        const float inv = float(1.0 / sum);
        for (int64_t j = first; j <= i; ++j)
            s[j] *= inv;
    }
    backend.gemm(false, false, length, d, length, 1.0f, scores.data(), v, 0.0f, out);
}

// Copies head h of a (length × heads·d) block into a contiguous length × d buffer, or back.
void gatherHead(const float* src, int64_t length, int64_t heads, int64_t d, int64_t h, float* dst)
{
    for (int64_t t = 0; t < length; ++t)
        std::copy_n(src + (t * heads + h) * d, d, dst + t * d);
}
void scatterHead(const float* src, int64_t length, int64_t heads, int64_t d, int64_t h, float* dst)
{
    for (int64_t t = 0; t < length; ++t)
        std::copy_n(src + t * d, d, dst + (t * heads + h) * d);
}

}  // namespace

void causalAttention(Backend& backend, const AttentionShape& a, const float* q, const float* k, const float* v,
                     float* out)
{
    if (a.rows <= 0 || a.length <= 0 || a.kvHeads <= 0 || a.heads % a.kvHeads != 0)
        return;
    if (backend.attention(a, q, k, v, out))
        return;
    const int64_t d = a.headDim, length = a.length, heads = a.heads, kvHeads = a.kvHeads;
    std::vector<float> qh(size_t(length * d)), kh(size_t(length * d)), vh(size_t(length * d)), oh(size_t(length * d));
    std::vector<float> scores;
    const int64_t group = heads / kvHeads;
    for (int64_t r = 0; r < a.rows; ++r) {
        const int64_t base = r * length;
        for (int64_t kvh = 0; kvh < kvHeads; ++kvh) {
            gatherHead(k + base * kvHeads * d, length, kvHeads, d, kvh, kh.data());
            gatherHead(v + base * kvHeads * d, length, kvHeads, d, kvh, vh.data());
            for (int64_t h = kvh * group; h < (kvh + 1) * group; ++h) {
                gatherHead(q + base * heads * d, length, heads, d, h, qh.data());
                attendHead(backend, a, qh.data(), kh.data(), vh.data(), scores, oh.data());
                scatterHead(oh.data(), length, heads, d, h, out + base * heads * d);
            }
        }
    }
}

void attentionForward(Backend& backend, const ModelConfig& c, const AttentionWeights& w, const RopeTable& rope,
                      int64_t slidingWindow, HiddenStates& states, const ModuleHooks& hooks)
{
    const int64_t tokens = states.tokens(), hidden = states.width, length = states.length;
    const int64_t d = c.headDim, heads = c.numHeads, kvHeads = c.numKvHeads;
    const LinearWeights& q = hooks.pick(w.qKey, w.q);
    const LinearWeights& k = hooks.pick(w.kKey, w.k);
    const LinearWeights& v = hooks.pick(w.vKey, w.v);
    const LinearWeights& o = hooks.pick(w.oKey, w.o);

    std::vector<float> x(size_t(tokens * hidden));
    rmsNorm(backend, states.data.data(), x.data(), tokens, hidden, w.norm, c.normEps, c.normOffset);
    hooks.observe(w.qKey, x.data(), tokens, hidden);
    hooks.observe(w.kKey, x.data(), tokens, hidden);
    hooks.observe(w.vKey, x.data(), tokens, hidden);

    std::vector<float> qs(size_t(tokens * heads * d)), ks(size_t(tokens * kvHeads * d)), vs(size_t(tokens * kvHeads * d));
    applyLinear(backend, q, x.data(), tokens, qs.data());
    applyLinear(backend, k, x.data(), tokens, ks.data());
    applyLinear(backend, v, x.data(), tokens, vs.data());
    if (!w.qNorm.empty())
        rmsNorm(backend, qs.data(), qs.data(), tokens * heads, d, w.qNorm, c.normEps, c.normOffset);
    if (!w.kNorm.empty())
        rmsNorm(backend, ks.data(), ks.data(), tokens * kvHeads, d, w.kNorm, c.normEps, c.normOffset);
    rope.applyAll(backend, qs.data(), tokens, heads, d, length);
    rope.applyAll(backend, ks.data(), tokens, kvHeads, d, length);

    std::vector<float> attn(size_t(tokens * heads * d));
    AttentionShape shape;
    shape.rows = states.rows;
    shape.length = length;
    shape.heads = heads;
    shape.kvHeads = kvHeads;
    shape.headDim = d;
    shape.scale = c.queryPreAttnScalar ? 1.0 / std::sqrt(*c.queryPreAttnScalar) : 1.0 / std::sqrt(double(d));
    shape.window = slidingWindow;
    shape.softcap = c.attnSoftcap ? *c.attnSoftcap : 0.0;
    causalAttention(backend, shape, qs.data(), ks.data(), vs.data(), attn.data());

    hooks.observe(w.oKey, attn.data(), tokens, heads * d);
    std::vector<float> out(size_t(tokens * hidden));
    applyLinear(backend, o, attn.data(), tokens, out.data());
    if (!w.postNorm.empty())
        rmsNorm(backend, out.data(), out.data(), tokens, hidden, w.postNorm, c.normEps, c.normOffset);
    addInPlace(states.data.data(), out.data(), tokens * hidden);
}

}  // namespace exl2
