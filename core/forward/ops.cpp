#include "forward/ops.h"

#include <cmath>
#include <numbers>

namespace exl2 {

void rmsNorm(const float* x, float* y, int64_t tokens, int64_t dim, const std::vector<float>& w, double eps,
             double offset)
{
    for (int64_t t = 0; t < tokens; ++t) {
        const float* xr = x + t * dim;
        float* yr = y + t * dim;
        double sum = 0;
        for (int64_t i = 0; i < dim; ++i)
            sum += double(xr[i]) * double(xr[i]);
        const float inv = float(1.0 / std::sqrt(sum / double(dim) + eps));
        for (int64_t i = 0; i < dim; ++i)
            yr[i] = (xr[i] * inv) * float(double(w[size_t(i)]) + offset);
    }
}

float activate(MlpActivation act, float x)
{
    switch (act) {
    case MlpActivation::Silu: return x / (1.0f + std::exp(-x));
    case MlpActivation::GeluTanh: {
        const double k = std::sqrt(2.0 / std::numbers::pi);
        const double xd = x;
        return float(0.5 * xd * (1.0 + std::tanh(k * (xd + 0.044715 * xd * xd * xd))));
    }
    case MlpActivation::Gelu: return float(0.5 * double(x) * (1.0 + std::erf(double(x) / std::numbers::sqrt2)));
    }
    return x;
}

void gatedActivation(MlpActivation act, float* gate, const float* up, int64_t count)
{
    for (int64_t i = 0; i < count; ++i)
        gate[i] = activate(act, gate[i]) * up[i];
}

void softcap(float* x, int64_t count, double cap)
{
    for (int64_t i = 0; i < count; ++i)
        x[i] = float(cap * std::tanh(double(x[i]) / cap));
}

void addInPlace(float* dst, const float* src, int64_t count)
{
    for (int64_t i = 0; i < count; ++i)
        dst[i] += src[i];
}

void rmsNorm(Backend& backend, const float* x, float* y, int64_t tokens, int64_t dim, const std::vector<float>& w,
             double eps, double offset)
{
    if (int64_t(w.size()) != dim || !backend.rmsNorm(x, y, tokens, dim, w.data(), eps, offset))
        rmsNorm(x, y, tokens, dim, w, eps, offset);
}

void gatedActivation(Backend& backend, MlpActivation act, float* gate, const float* up, int64_t count)
{
    if (act != MlpActivation::Silu || !backend.swiglu(gate, up, count))
        gatedActivation(act, gate, up, count);
}

}  // namespace exl2
