// Parity cases of the forward-pass ops: RMSNorm, SwiGLU, RoPE, causal attention and MoE routing. The CPU
// side is the reference code the forward pass runs (core/forward, through the CPU backend).
#include "parity_cases.h"

#include "forward/blocks.h"
#include "forward/ops.h"
#include "forward/rope.h"

#include <cmath>

namespace exl2parity {

namespace {

constexpr double kNormTolerance = 1e-6;      // double sums in another order, then the same float steps
constexpr double kActivationTolerance = 1e-6; // expf on the GPU is within 2 ulp
constexpr double kRopeTolerance = 1e-6;      // identical float steps (no FMA contraction)
constexpr double kAttentionTolerance = 1e-5; // dot products and P·V summed in another order
constexpr double kRoutingTolerance = 1e-3;   // share of (token, slot) choices that differ, plus weight error

Case rmsNormCase(int64_t tokens, int64_t dim, double offset)
{
    return {"rmsNorm " + std::to_string(tokens) + "x" + std::to_string(dim) + (offset != 0.0 ? " +1 offset" : ""),
            kNormTolerance, [=](exl2::Backend&, exl2::Backend& gpu) {
                const auto x = randomMatrix(size_t(tokens * dim), 11, true);
                const auto w = randomMatrix(size_t(dim), 12);
                std::vector<float> y0(x.size()), y1(x.size());
                exl2::rmsNorm(x.data(), y0.data(), tokens, dim, w, 1e-6, offset);
                requireAccelerated(gpu.rmsNorm(x.data(), y1.data(), tokens, dim, w.data(), 1e-6, offset), "rmsNorm");
                return relativeError(y0, y1);
            }};
}

Case ropeCase(exl2::RopeStyle style, int64_t rows, int64_t length, int64_t heads, int64_t headDim, double partial)
{
    const std::string styleName = style == exl2::RopeStyle::NeoX ? "NeoX" : "GPT-J";
    return {"rope " + styleName + " " + std::to_string(rows) + "x" + std::to_string(length) + " heads " +
                std::to_string(heads) + " d " + std::to_string(headDim) + (partial < 1.0 ? " partial" : ""),
            kRopeTolerance, [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                exl2::ModelConfig c;
                c.headDim = headDim;
                c.ropeStyle = style;
                c.partialRotaryFactor = partial;
                const exl2::RopeTable table(c, length);
                const int64_t tokens = rows * length;
                auto x0 = randomMatrix(size_t(tokens * heads * headDim), 13, true);
                auto x1 = x0;
                table.applyAll(cpu, x0.data(), tokens, heads, headDim, length);
                exl2::RopeShape s;
                s.tokens = tokens;
                s.heads = heads;
                s.headDim = headDim;
                s.length = length;
                s.half = table.halfDims();
                s.tableLength = table.length();
                s.neox = style == exl2::RopeStyle::NeoX;
                requireAccelerated(gpu.rope(x1.data(), s, table.cos(0), table.sin(0)), "rope");
                return relativeError(x0, x1);
            }};
}

Case attentionCase(int64_t rows, int64_t length, int64_t heads, int64_t kvHeads, int64_t d, int64_t window,
                   double softcap)
{
    std::string name = "attention " + std::to_string(rows) + "x" + std::to_string(length) + " heads " +
                       std::to_string(heads) + "/" + std::to_string(kvHeads) + " d " + std::to_string(d);
    if (window)
        name += " window " + std::to_string(window);
    if (softcap != 0.0)
        name += " softcap";
    return {name, kAttentionTolerance, [=](exl2::Backend& cpu, exl2::Backend& gpu) {
                exl2::AttentionShape s;
                s.rows = rows;
                s.length = length;
                s.heads = heads;
                s.kvHeads = kvHeads;
                s.headDim = d;
                s.scale = 1.0 / std::sqrt(double(d));
                s.window = window;
                s.softcap = softcap;
                const int64_t tokens = rows * length;
                const auto q = randomMatrix(size_t(tokens * heads * d), 14, true);
                const auto k = randomMatrix(size_t(tokens * kvHeads * d), 15, true);
                const auto v = randomMatrix(size_t(tokens * kvHeads * d), 16, true);
                std::vector<float> o0(q.size()), o1(q.size());
                exl2::causalAttention(cpu, s, q.data(), k.data(), v.data(), o0.data());
                requireAccelerated(gpu.attention(s, q.data(), k.data(), v.data(), o1.data()), "attention");
                return relativeError(o0, o1);
            }};
}

Case routingCase(int64_t tokens, int64_t experts, int64_t topK)
{
    return {"routeTopK " + std::to_string(tokens) + " tokens " + std::to_string(experts) + " experts top " +
                std::to_string(topK),
            kRoutingTolerance, [=](exl2::Backend&, exl2::Backend& gpu) {
                const auto logits = randomMatrix(size_t(tokens * experts), 17, true);
                const exl2::Routing ref = exl2::routeTokens(logits.data(), tokens, experts, topK);
                std::vector<int32_t> chosen(size_t(tokens * topK));
                std::vector<float> weights(chosen.size());
                requireAccelerated(gpu.routeTopK(logits.data(), tokens, experts, topK, chosen.data(), weights.data()),
                                   "routeTopK");
                size_t differ = 0;
                double weightDiff = 0.0;
                for (size_t i = 0; i < chosen.size(); ++i) {
                    if (chosen[i] != ref.experts[i])
                        ++differ;
                    else
                        weightDiff = std::max(weightDiff, double(std::fabs(weights[i] - ref.weights[i])));
                }
                return double(differ) / double(chosen.size()) + weightDiff;
            }};
}

}  // namespace

std::vector<Case> forwardCases()
{
    std::vector<Case> list;
    list.push_back(rmsNormCase(64, 4096, 0.0));
    list.push_back(rmsNormCase(4096, 64, 1.0));
    list.push_back(rmsNormCase(3, 1000, 0.0));
    for (int64_t count : {int64_t(1000), int64_t(1) << 22})
        list.push_back({"swiglu " + std::to_string(count), kActivationTolerance, [=](exl2::Backend&, exl2::Backend& gpu) {
                            auto g0 = randomMatrix(size_t(count), 18, true);
                            const auto up = randomMatrix(size_t(count), 19, true);
                            auto g1 = g0;
                            exl2::gatedActivation(exl2::MlpActivation::Silu, g0.data(), up.data(), count);
                            requireAccelerated(gpu.swiglu(g1.data(), up.data(), count), "swiglu");
                            return relativeError(g0, g1);
                        }});
    list.push_back(ropeCase(exl2::RopeStyle::NeoX, 2, 512, 32, 128, 1.0));
    list.push_back(ropeCase(exl2::RopeStyle::GptJ, 1, 300, 4, 64, 1.0));
    list.push_back(ropeCase(exl2::RopeStyle::NeoX, 1, 100, 3, 80, 0.5));
    list.push_back(attentionCase(2, 256, 8, 2, 64, 0, 0.0));
    list.push_back(attentionCase(1, 300, 4, 4, 48, 64, 50.0));
    list.push_back(attentionCase(1, 1024, 32, 32, 128, 0, 0.0));
    list.push_back(routingCase(4096, 8, 2));
    list.push_back(routingCase(1000, 64, 6));
    return list;
}

}  // namespace exl2parity
