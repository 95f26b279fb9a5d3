#include "calibration/calibration_rows.h"

#include "calibration/text_readers.h"
#include "util/error.h"

namespace exl2 {

void checkRowShape(size_t rows, size_t length);  // also used by builtin_rows.cpp

void checkRowShape(size_t rows, size_t length)
{
    constexpr size_t kMaxTokens = size_t(1) << 31;
    if (rows == 0 || length == 0)
        throw Error(ErrorCode::InvalidArgument, "calibration rows and length must be at least 1 (got rows " +
                                                    std::to_string(rows) + ", length " + std::to_string(length) + ")");
    if (rows > kMaxTokens / length)
        throw Error(ErrorCode::InvalidArgument, "calibration rows × length = " + std::to_string(rows) + " × " +
                                                    std::to_string(length) + " is more than 2^31 tokens");
}

CalibrationRows buildRowsFromTexts(const std::vector<std::string>& texts, const std::string& sourceName,
                                   size_t rows, size_t length, const EncodeFn& encode)
{
    checkRowShape(rows, length);
    const size_t needed = rows * length;
    CalibrationRows out;
    out.rows = rows;
    out.length = length;
    out.ids.reserve(needed);
    CalibrationSourceUse use{sourceName, 0, 0, rows};
    for (const auto& text : texts) {
        if (out.ids.size() >= needed)
            break;
        const std::vector<int32_t> ids = encode(text);
        ++use.texts;
        out.tokensEncoded += ids.size();
        out.ids.insert(out.ids.end(), ids.begin(), ids.begin() + std::min(ids.size(), needed - out.ids.size()));
    }
    if (out.ids.size() < needed)
        throw Error(ErrorCode::InvalidArgument,
                    sourceName + ": not enough calibration text: " + std::to_string(texts.size()) + " texts give " +
                        std::to_string(out.tokensEncoded) + " tokens, but " + std::to_string(rows) + " rows × " +
                        std::to_string(length) + " tokens need " + std::to_string(needed));
    use.tokens = needed;
    out.sources.push_back(use);
    out.description = sourceName + ": " + std::to_string(use.texts) + " of " + std::to_string(texts.size()) +
                      " texts encoded (" + std::to_string(out.tokensEncoded) + " tokens), concatenated without "
                      "separators; the first " + std::to_string(needed) + " tokens fill " + std::to_string(rows) +
                      " rows of " + std::to_string(length);
    return out;
}

CalibrationRows buildRowsFromFile(const std::filesystem::path& file, const std::string& column, size_t rows,
                                  size_t length, const EncodeFn& encode)
{
    checkRowShape(rows, length);
    return buildRowsFromTexts(readCalibrationTexts(file, column), file.string(), rows, length, encode);
}

size_t sanitizeTokenIds(std::span<int32_t> ids, int64_t vocabSize)
{
    if (vocabSize <= 0)
        throw Error(ErrorCode::InvalidArgument, "sanitizeTokenIds: vocabulary size must be positive, got " + std::to_string(vocabSize));
    size_t changed = 0;
    for (int32_t& id : ids) {
        if (id < 0 || id >= vocabSize) {
            id = 0;
            ++changed;
        }
    }
    return changed;
}

}  // namespace exl2
