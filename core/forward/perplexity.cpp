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
    const std::vector<ModuleRef> modules = model.modules();
    for (int64_t r0 = 0; r0 < rows; r0 += batchRows) {
        const int64_t n = std::min(batchRows, rows - r0);
        const std::vector<int32_t> batch(ids.begin() + r0 * length, ids.begin() + (r0 + n) * length);
        HiddenStates states = model.embed(batch, n, length);
        for (size_t m = 1; m + 1 < modules.size(); ++m)
            model.forwardModule(backend, modules[m], states);
        // The head one row at a time: rows × length × vocab logits of a whole batch can be gigabytes.
        for (int64_t r = 0; r < n; ++r) {
            HiddenStates row(1, length, states.width);
            std::copy_n(states.row(r), length * states.width, row.data.data());
            model.forwardModule(backend, modules.back(), row);
            const std::vector<int32_t> rowIds(batch.begin() + r * length, batch.begin() + (r + 1) * length);
            for (double v : tokenNll(row, rowIds)) {
                total.nll += v;
                ++total.count;
            }
        }
        if (progress)
            progress(r0 + n, rows);
    }
    return total;
}

std::string joinParagraphs(const std::string& text)
{
    std::string out, paragraph;
    auto flush = [&] {
        if (paragraph.find_first_not_of(" \t\n") != std::string::npos) {
            if (!out.empty())
                out += '\n';
            out += paragraph;
        }
        paragraph.clear();
    };
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) {
            flush();
        } else {
            if (!paragraph.empty())
                paragraph += '\n';
            paragraph += line;
        }
        pos = end + 1;
    }
    flush();
    return out;
}

std::vector<int32_t> perplexityRows(const std::vector<int32_t>& stream, int64_t windowTokens,
                                    std::optional<int32_t> bos, int64_t maxRows, int64_t& rows)
{
    if (windowTokens < (bos ? 1 : 2))
        throw Error(ErrorCode::InvalidArgument, "perplexity window must hold at least " +
                                                    std::to_string(bos ? 1 : 2) + " tokens, got " +
                                                    std::to_string(windowTokens));
    rows = int64_t(stream.size()) / windowTokens;
    if (maxRows > 0)
        rows = std::min(rows, maxRows);
    std::vector<int32_t> out;
    out.reserve(size_t(rows * (windowTokens + (bos ? 1 : 0))));
    for (int64_t r = 0; r < rows; ++r) {
        if (bos)
            out.push_back(*bos);
        out.insert(out.end(), stream.begin() + r * windowTokens, stream.begin() + (r + 1) * windowTokens);
    }
    return out;
}

}  // namespace exl2
