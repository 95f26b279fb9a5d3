#include "calibrationpreview.h"

#include "calibration/builtin_dataset.h"
#include "calibration/text_readers.h"
#include "tokenizer/tokenizer.h"

#include <filesystem>

namespace exl2 {

CalibrationPreview loadCalibrationPreview(const std::string& file, const std::string& column,
                                          const std::string& modelDir, size_t maxRows)
{
    CalibrationPreview p;
    if (file.empty()) {
        // The built-in set: one passage of each category first, so the preview shows its variety.
        for (const BuiltinCategory& c : builtinCalibrationCategories()) {
            const auto passages = splitPassages(c.text);
            p.totalRows += passages.size();
            if (!passages.empty() && p.rows.size() < maxRows)
                p.rows.push_back("[" + std::string(c.name) + "] " + std::string(passages.front()));
        }
    } else {
        std::vector<std::string> texts = readCalibrationTexts(file, column);
        p.totalRows = texts.size();
        texts.resize(std::min(texts.size(), maxRows));
        p.rows = std::move(texts);
    }
    if (!modelDir.empty() && std::filesystem::exists(std::filesystem::path(modelDir) / "tokenizer.json")) {
        const Tokenizer tokenizer = Tokenizer::fromModelDir(modelDir);
        for (const auto& row : p.rows)
            p.tokens += tokenizer.encode(row, false).size();
        p.tokensCounted = true;
    }
    return p;
}

}  // namespace exl2
