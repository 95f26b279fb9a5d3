#include "forward/linear.h"

#include "util/error.h"

#include <algorithm>

namespace exl2 {

LinearWeights LinearWeights::sliceRows(int64_t begin, int64_t end) const
{
    LinearWeights out;
    out.outFeatures = end - begin;
    out.inFeatures = inFeatures;
    out.weight.assign(weight.begin() + begin * inFeatures, weight.begin() + end * inFeatures);
    if (!bias.empty())
        out.bias.assign(bias.begin() + begin, bias.begin() + end);
    return out;
}

void applyLinear(Backend& backend, const LinearWeights& w, const float* x, int64_t tokens, float* y)
{
    if (tokens == 0)
        return;
    backend.gemm(false, true, tokens, w.outFeatures, w.inFeatures, 1.0f, x, w.weight.data(), 0.0f, y);
    if (!w.bias.empty())
        for (int64_t t = 0; t < tokens; ++t) {
            float* row = y + t * w.outFeatures;
            for (int64_t n = 0; n < w.outFeatures; ++n)
                row[n] += w.bias[size_t(n)];
        }
}

void checkLinearShape(const LinearWeights& w, const std::string& key, int64_t outFeatures, int64_t inFeatures)
{
    if (w.outFeatures != outFeatures || w.inFeatures != inFeatures ||
        int64_t(w.weight.size()) != outFeatures * inFeatures)
        throw Error(ErrorCode::Model, "linear " + key + ": expected weight shape [" + std::to_string(outFeatures) + ", " +
                                          std::to_string(inFeatures) + "], got [" + std::to_string(w.outFeatures) +
                                          ", " + std::to_string(w.inFeatures) + "]");
    if (!w.bias.empty() && int64_t(w.bias.size()) != outFeatures)
        throw Error(ErrorCode::Model, "linear " + key + ": expected bias of " + std::to_string(outFeatures) +
                                          " values, got " + std::to_string(w.bias.size()));
}

}  // namespace exl2
