#include "forward/perplexity.h"

#include "util/error.h"

#include <algorithm>

namespace exl2 {

std::vector<double> tokenNll(const HiddenStates& logits, const std::vector<int32_t>& ids)
{
    const int64_t rows = logits.rows, length = logits.length, vocab = logits.width;
    if (int64_t(ids.size()) != rows * length)
        throw Error(ErrorCode::InvalidArgument, "tokenNll: " + std::to_string(ids.size()) + " ids for logits of " +
                                                    std::to_string(rows) + " rows × " + std::to_string(length));
    std::vector<double> out;
    out.reserve(size_t(rows * std::max<int64_t>(length - 1, 0)));
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t t = 0; t + 1 < length; ++t) {
            const float* l = logits.token(r, t);
            const int32_t target = ids[size_t(r * length + t + 1)];
            if (target < 0 || target >= vocab)
                throw Error(ErrorCode::InvalidArgument, "tokenNll: target id " + std::to_string(target) +
                                                            " outside the vocabulary of " + std::to_string(vocab));
            const double maxv = *std::max_element(l, l + vocab);
            double sum = 0;
            for (int64_t v = 0; v < vocab; ++v)
                sum += std::exp(double(l[v]) - maxv);
            out.push_back(maxv + std::log(sum) - double(l[target]));
        }
    return out;
}

NllSum evaluateNll(TransformerModel& model, Backend& backend, const std::vector<int32_t>& ids, int64_t rows,
                   int64_t length, int64_t batchRows, const std::function<void(int64_t, int64_t)>& progress)
{
    if (int64_t(ids.size()) != rows * length || length < 2 || batchRows < 1)
        throw Error(ErrorCode::InvalidArgument, "evaluateNll: need rows × length ids with length >= 2, got " +
                                                    std::to_string(ids.size()) + " ids for " + std::to_string(rows) +
                                                    " × " + std::to_string(length));
    NllSum total;
    for (int64_t r0 = 0; r0 < rows; r0 += batchRows) {
        const int64_t n = std::min(batchRows, rows - r0);
        const std::vector<int32_t> batch(ids.begin() + r0 * length, ids.begin() + (r0 + n) * length);
        const HiddenStates logits = model.logits(backend, batch, n, length);
        for (double v : tokenNll(logits, batch)) {
            total.nll += v;
            ++total.count;
        }
        if (progress)
            progress(r0 + n, rows);
    }
    return total;
}

}  // namespace exl2
