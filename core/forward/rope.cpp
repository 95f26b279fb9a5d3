#include "forward/rope.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace exl2 {
namespace {

// base^(−2i/d) for i < d/2, rounded to float32 as transformers stores inv_freq.
std::vector<double> plainInvFreq(double base, int64_t dims)
{
    std::vector<double> f(size_t(dims / 2));
    for (int64_t i = 0; i < dims / 2; ++i)
        f[size_t(i)] = double(float(1.0 / std::pow(base, double(2 * i) / double(dims))));
    return f;
}

double yarnMscale(double scale) { return scale <= 1.0 ? 1.0 : 0.1 * std::log(scale) + 1.0; }

double yarnCorrectionDim(double rotations, int64_t dims, double base, double maxPositions)
{
    return double(dims) * std::log(maxPositions / (rotations * 2.0 * std::numbers::pi)) / (2.0 * std::log(base));
}

void yarn(const ModelConfig& c, double base, int64_t dims, RopeFrequencies& out)
{
    const RopeScaling& s = c.ropeScaling;
    const double original = double(s.originalMaxPositions > 0 ? s.originalMaxPositions : c.maxPositions);
    out.attentionScaling = s.attentionFactor.value_or(yarnMscale(s.factor));
    double low = std::floor(yarnCorrectionDim(s.betaFast, dims, base, original));
    double high = std::ceil(yarnCorrectionDim(s.betaSlow, dims, base, original));
    low = std::max(low, 0.0);
    high = std::min(high, double(dims - 1));
    if (low == high)
        high += 0.001;
    for (int64_t i = 0; i < dims / 2; ++i) {
        const double posFreq = std::pow(base, double(2 * i) / double(dims));
        const double ramp = std::clamp((double(i) - low) / (high - low), 0.0, 1.0);
        const double extrapolation = 1.0 - ramp;
        const double f = (1.0 / (s.factor * posFreq)) * (1.0 - extrapolation) + (1.0 / posFreq) * extrapolation;
        out.invFreq[size_t(i)] = float(f);
    }
}

void llama3(const ModelConfig& c, std::vector<double> inv, RopeFrequencies& out)
{
    const RopeScaling& s = c.ropeScaling;
    const double oldContext = double(s.originalMaxPositions);
    if (oldContext <= 0 || s.highFreqFactor == s.lowFreqFactor)
        throw Error(ErrorCode::Model, (c.directory / "config.json").string() +
                                          ": rope_scaling (llama3) needs original_max_position_embeddings > 0 and "
                                          "high_freq_factor != low_freq_factor");
    const double lowWavelen = oldContext / s.lowFreqFactor, highWavelen = oldContext / s.highFreqFactor;
    for (size_t i = 0; i < inv.size(); ++i) {
        const double wavelen = 2.0 * std::numbers::pi / inv[i];
        double f = wavelen > lowWavelen ? inv[i] / s.factor : inv[i];
        if (!(wavelen < highWavelen) && !(wavelen > lowWavelen)) {
            const double smooth = (oldContext / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
            f = (1.0 - smooth) * f / s.factor + smooth * f;
        }
        out.invFreq[i] = float(f);
    }
}

void longRope(const ModelConfig& c, double base, int64_t dims, int64_t seqLength, RopeFrequencies& out)
{
    const RopeScaling& s = c.ropeScaling;
    const int64_t original = s.originalMaxPositions > 0 ? s.originalMaxPositions : c.maxPositions;
    const std::vector<double>& ext = seqLength > original ? s.longFactor : s.shortFactor;
    if (int64_t(ext.size()) != dims / 2)
        throw Error(ErrorCode::Model, (c.directory / "config.json").string() + ": rope_scaling long_factor/short_factor " +
                                          "must have rotary_dims/2 = " + std::to_string(dims / 2) + " values, got " +
                                          std::to_string(ext.size()));
    for (int64_t i = 0; i < dims / 2; ++i)
        out.invFreq[size_t(i)] =
            float(1.0 / (ext[size_t(i)] * std::pow(base, double(float(double(2 * i) / double(dims))))));
    if (s.attentionFactor) {
        out.attentionScaling = *s.attentionFactor;
    } else {
        // transformers takes rope_scaling.factor when given, else max_position_embeddings / original; our
        // config holds 1.0 for "not given", so 1.0 falls back to the ratio (Phi3 configs carry no factor).
        const double factor = s.factor != 1.0 ? s.factor : double(c.maxPositions) / double(original);
        out.attentionScaling = factor <= 1.0 ? 1.0 : std::sqrt(1.0 + std::log(factor) / std::log(double(original)));
    }
}

}  // namespace

double ropeAlphaBase(double base, double alpha, int64_t rotaryDims)
{
    return base * std::pow(alpha, double(rotaryDims) / double(rotaryDims - 2));
}

RopeFrequencies ropeFrequencies(const ModelConfig& c, int64_t seqLength, const RopeOverrides& overrides)
{
    const int64_t dims = c.rotaryDims();
    if (dims < 2 || dims % 2 != 0)
        throw Error(ErrorCode::Model, (c.directory / "config.json").string() + ": rotary dims (head_dim × " +
                                          "partial_rotary_factor) must be even and >= 2, got " + std::to_string(dims));
    double base = c.ropeTheta;
    if (overrides.alpha)
        base = ropeAlphaBase(base, *overrides.alpha, dims);

    RopeFrequencies out;
    out.invFreq.resize(size_t(dims / 2));
    const RopeScaling& s = c.ropeScaling;
    switch (s.type) {
    case RopeScalingType::None:
    case RopeScalingType::Linear: {
        const auto inv = plainInvFreq(base, dims);
        // Linear scaling divides inv_freq by the factor, unless -rs replaces the factor (then positions are divided).
        const double factor = s.type == RopeScalingType::Linear && !overrides.scale ? s.factor : 1.0;
        for (size_t i = 0; i < inv.size(); ++i)
            out.invFreq[i] = float(inv[i] / factor);
        break;
    }
    case RopeScalingType::Dynamic: {
        const double maxPos = double(c.maxPositions);
        const double len = std::max(double(seqLength), maxPos);
        const double dynBase = base * std::pow(s.factor * len / maxPos - (s.factor - 1.0), double(dims) / double(dims - 2));
        const auto inv = plainInvFreq(dynBase, dims);
        std::copy(inv.begin(), inv.end(), out.invFreq.begin());
        break;
    }
    case RopeScalingType::Yarn: yarn(c, base, dims, out); break;
    case RopeScalingType::Llama3: llama3(c, plainInvFreq(base, dims), out); break;
    case RopeScalingType::LongRope: longRope(c, base, dims, seqLength, out); break;
    }
    if (overrides.scale) {
        if (!(*overrides.scale > 0))
            throw Error(ErrorCode::InvalidArgument, "RoPE scale (-rs) must be > 0, got " + std::to_string(*overrides.scale));
        out.positionScale = *overrides.scale;
    }
    return out;
}

RopeTable::RopeTable(const ModelConfig& config, int64_t length, const RopeOverrides& overrides)
    : m_length(length), m_half(config.rotaryDims() / 2), m_style(config.ropeStyle)
{
    const RopeFrequencies f = ropeFrequencies(config, length, overrides);
    m_cos.resize(size_t(length * m_half));
    m_sin.resize(size_t(length * m_half));
    for (int64_t p = 0; p < length; ++p) {
        const float pos = float(double(p) / f.positionScale);
        for (int64_t i = 0; i < m_half; ++i) {
            const float angle = pos * f.invFreq[size_t(i)];  // float32 product, as transformers forms it
            m_cos[size_t(p * m_half + i)] = float(std::cos(double(angle)) * f.attentionScaling);
            m_sin[size_t(p * m_half + i)] = float(std::sin(double(angle)) * f.attentionScaling);
        }
    }
}

void RopeTable::apply(float* head, int64_t p) const
{
    const float* c = cos(p);
    const float* s = sin(p);
    if (m_style == RopeStyle::None)
        return;
    if (m_style == RopeStyle::NeoX) {
        for (int64_t i = 0; i < m_half; ++i) {
            const float x1 = head[i], x2 = head[i + m_half];
            head[i] = x1 * c[i] - x2 * s[i];
            head[i + m_half] = x2 * c[i] + x1 * s[i];
        }
    } else {
        for (int64_t i = 0; i < m_half; ++i) {
            const float x1 = head[2 * i], x2 = head[2 * i + 1];
            head[2 * i] = x1 * c[i] - x2 * s[i];
            head[2 * i + 1] = x2 * c[i] + x1 * s[i];
        }
    }
}

void RopeTable::applyAll(Backend& backend, float* x, int64_t tokens, int64_t heads, int64_t headDim,
                         int64_t length) const
{
    if (m_style == RopeStyle::None || tokens == 0)
        return;
    RopeShape shape;
    shape.tokens = tokens;
    shape.heads = heads;
    shape.headDim = headDim;
    shape.length = length;
    shape.half = m_half;
    shape.tableLength = m_length;
    shape.neox = m_style == RopeStyle::NeoX;
    if (length > 0 && length <= m_length && 2 * m_half <= headDim && backend.rope(x, shape, m_cos.data(), m_sin.data()))
        return;
    for (int64_t t = 0; t < tokens; ++t)
        for (int64_t h = 0; h < heads; ++h)
            apply(x + (t * heads + h) * headDim, t % length);
}

}  // namespace exl2
