// Per-token log-likelihood and perplexity: position t of each row predicts the id at t+1.
#pragma once

#include "backend/backend.h"
#include "forward/hidden_states.h"
#include "forward/transformer_model.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace exl2 {

struct NllSum {
    double nll = 0;     // Σ −log p, natural log
    int64_t count = 0;  // tokens scored
    double meanNll() const { return count ? nll / double(count) : 0.0; }
    double perplexity() const { return std::exp(meanNll()); }
    NllSum& operator+=(const NllSum& o)
    {
        nll += o.nll;
        count += o.count;
        return *this;
    }
};

// −log softmax(logits[r, t])[ids[r, t+1]] for t < length−1, per token (rows × (length−1), row-major).
std::vector<double> tokenNll(const HiddenStates& logits, const std::vector<int32_t>& ids);

// Runs the model over rows × length ids (row-major), `batchRows` rows at a time, and sums the NLL of
// every predicted token. progress(rowsDone, rows) is called after each batch when set.
NllSum evaluateNll(TransformerModel& model, Backend& backend, const std::vector<int32_t>& ids, int64_t rows,
                   int64_t length, int64_t batchRows = 8,
                   const std::function<void(int64_t, int64_t)>& progress = {});

// Text preparation of the shared perplexity reference: paragraphs split on blank lines (lines holding only
// whitespace count as blank), empty ones dropped, joined with a single "\n" (the model writes one "\n"
// between paragraphs). "\r\n" is read as "\n".
std::string joinParagraphs(const std::string& text);

// Cuts a token stream into rows of `windowTokens` tokens, each prefixed with `bos` when given (so a row
// is windowTokens+1 long and all windowTokens tokens are predicted); the tail shorter than a window is
// dropped. maxRows > 0 keeps only the first maxRows rows. Returns the rows, row-major.
std::vector<int32_t> perplexityRows(const std::vector<int32_t>& stream, int64_t windowTokens,
                                    std::optional<int32_t> bos, int64_t maxRows, int64_t& rows);

}  // namespace exl2
