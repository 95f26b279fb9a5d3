#include "calibration/builtin_dataset.h"

#include "util/error.h"

#include <algorithm>
#include <cstddef>

namespace exl2::detail {
// Defined in the .cpp that CMake generates from resources/calibration/*.txt (.incbin of each file).
struct EmbeddedFile {
    const char* name;
    const char* begin;
    const char* end;
};
extern const EmbeddedFile kBuiltinCalibrationFiles[];
extern const size_t kBuiltinCalibrationFileCount;
}  // namespace exl2::detail

namespace exl2 {

const std::vector<BuiltinCategory>& builtinCalibrationCategories()
{
    static const std::vector<BuiltinCategory> categories = [] {
        std::vector<BuiltinCategory> out;
        for (size_t i = 0; i < detail::kBuiltinCalibrationFileCount; ++i) {
            const auto& f = detail::kBuiltinCalibrationFiles[i];
            out.push_back({f.name, std::string_view(f.begin, static_cast<size_t>(f.end - f.begin))});
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
        return out;
    }();
    if (categories.empty())
        throw Error(ErrorCode::Internal, "the built-in calibration dataset is empty (resources/calibration/*.txt was not embedded)");
    return categories;
}

std::vector<std::string_view> splitPassages(std::string_view text)
{
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t sep = text.find("\n\n\n", start);
        const size_t end = sep == std::string_view::npos ? text.size() : sep;
        std::string_view passage = text.substr(start, end - start);
        while (!passage.empty() && passage.front() == '\n')
            passage.remove_prefix(1);
        while (!passage.empty() && passage.back() == '\n')  // the file's final newline
            passage.remove_suffix(1);
        if (!passage.empty())
            out.push_back(passage);
        if (sep == std::string_view::npos)
            break;
        start = sep + 3;
        while (start < text.size() && text[start] == '\n')
            ++start;
    }
    return out;
}

}  // namespace exl2
