// Row assembly for the built-in dataset. Deterministic for a seed on every platform: it uses its own
// splitmix64 generator rather than std:: distributions, whose algorithms differ between libraries.
#include "calibration/builtin_dataset.h"
#include "calibration/calibration_rows.h"
#include "util/error.h"

namespace exl2 {

void checkRowShape(size_t rows, size_t length);

namespace {

class SplitMix64 {
public:
    explicit SplitMix64(uint64_t seed) : m_state(seed) {}
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    uint64_t below(uint64_t n) { return next() % n; }  // bias < n / 2^64: irrelevant here

private:
    uint64_t m_state;
};

struct Category {
    std::string name;
    std::vector<std::vector<int32_t>> passages;  // encoded, in file order
    std::vector<int32_t> stream;                 // this pass: passages in shuffled order, concatenated
    size_t cursor = 0;
    size_t remaining() const { return stream.size() - cursor; }
};

void shufflePass(Category& c, SplitMix64& rng)
{
    std::vector<size_t> order(c.passages.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    for (size_t i = order.size(); i > 1; --i)  // Fisher-Yates
        std::swap(order[i - 1], order[rng.below(i)]);
    c.stream.clear();
    for (size_t i : order)
        c.stream.insert(c.stream.end(), c.passages[i].begin(), c.passages[i].end());
    c.cursor = 0;
}

}  // namespace

CalibrationRows buildRowsFromBuiltin(size_t rows, size_t length, uint64_t seed, const EncodeFn& encode)
{
    checkRowShape(rows, length);
    CalibrationRows out;
    out.rows = rows;
    out.length = length;
    out.ids.reserve(rows * length);

    std::vector<Category> cats;
    size_t passagesTotal = 0;
    for (const auto& bc : builtinCalibrationCategories()) {
        Category c;
        c.name = std::string(bc.name);
        for (std::string_view p : splitPassages(bc.text)) {
            std::string text(p);
            text += "\n\n";  // passages are paragraphs: keep a paragraph break between them
            c.passages.push_back(encode(text));
            out.tokensEncoded += c.passages.back().size();
        }
        passagesTotal += c.passages.size();
        out.sources.push_back({c.name, c.passages.size(), 0, 0});
        cats.push_back(std::move(c));
    }
    if (out.tokensEncoded == 0)
        throw Error(ErrorCode::Internal, "the built-in calibration dataset encodes to no tokens");

    SplitMix64 rng(seed);
    auto startPass = [&] {
        for (auto& c : cats)
            shufflePass(c, rng);
    };
    startPass();
    for (size_t r = 0; r < rows; ++r) {
        size_t filled = 0;
        bool firstPiece = true;
        while (filled < length) {
            size_t total = 0;
            for (const auto& c : cats)
                total += c.remaining();
            if (total == 0) {  // every category used up: another pass in a new shuffled order
                ++out.passes;
                startPass();
                continue;
            }
            // Category drawn with probability proportional to its unused tokens, so categories are
            // interleaved across rows in proportion to their size.
            uint64_t pick = rng.below(total);
            size_t k = 0;
            while (pick >= cats[k].remaining())
                pick -= cats[k++].remaining();
            Category& c = cats[k];
            const size_t take = std::min(c.remaining(), length - filled);
            out.ids.insert(out.ids.end(), c.stream.begin() + c.cursor, c.stream.begin() + c.cursor + take);
            c.cursor += take;
            filled += take;
            out.sources[k].tokens += take;
            if (firstPiece)
                ++out.sources[k].rows;
            firstPiece = false;
        }
    }

    out.description = "built-in dataset (seed " + std::to_string(seed) + "): " + std::to_string(cats.size()) +
                      " categories, " + std::to_string(passagesTotal) + " passages, " +
                      std::to_string(out.tokensEncoded) + " tokens; " + std::to_string(rows) + " rows of " +
                      std::to_string(length) + " drawn by category in proportion to unused tokens" +
                      (out.passes > 1 ? "; the data was used " + std::to_string(out.passes) + " times (more rows than it holds)"
                                      : std::string("; no passage repeated"));
    return out;
}

}  // namespace exl2
