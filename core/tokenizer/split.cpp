#include "tokenizer/split.h"

#include <algorithm>

namespace exl2::tok {

std::optional<SplitBehavior> splitBehaviorFromName(std::string_view name)
{
    if (name == "Removed") return SplitBehavior::Removed;
    if (name == "Isolated") return SplitBehavior::Isolated;
    if (name == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
    if (name == "MergedWithNext") return SplitBehavior::MergedWithNext;
    if (name == "Contiguous") return SplitBehavior::Contiguous;
    return std::nullopt;
}

namespace {

struct Part {
    size_t begin, end;
    bool isMatch;
};

}  // namespace

void splitPiece(const Piece& piece, const std::vector<std::pair<size_t, size_t>>& matches, SplitBehavior behavior,
                bool invert, std::vector<Piece>& out)
{
    const std::string& text = piece.text;
    if (text.empty())
        return;
    // Matches and the gaps between them, in order, covering the whole text.
    std::vector<Part> parts;
    parts.reserve(matches.size() * 2 + 1);
    size_t prev = 0;
    for (const auto& [b, e] : matches) {
        if (prev != b)
            parts.push_back({prev, b, invert});
        parts.push_back({b, e, !invert});
        prev = e;
    }
    if (prev != text.size())
        parts.push_back({prev, text.size(), invert});

    // Ranges kept, after the behaviour has merged or dropped parts.
    std::vector<Part> kept;
    kept.reserve(parts.size());
    switch (behavior) {
    case SplitBehavior::Isolated:
        kept = parts;
        break;
    case SplitBehavior::Removed:
        for (const Part& p : parts)
            if (!p.isMatch)
                kept.push_back(p);
        break;
    case SplitBehavior::MergedWithPrevious: {
        bool previousMatch = false;
        for (const Part& p : parts) {
            if (p.isMatch && !previousMatch && !kept.empty())
                kept.back().end = p.end;
            else
                kept.push_back(p);
            previousMatch = p.isMatch;
        }
        break;
    }
    case SplitBehavior::MergedWithNext: {
        bool previousMatch = false;
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
            if (it->isMatch && !previousMatch && !kept.empty())
                kept.back().begin = it->begin;
            else
                kept.push_back(*it);
            previousMatch = it->isMatch;
        }
        std::reverse(kept.begin(), kept.end());
        break;
    }
    case SplitBehavior::Contiguous: {
        bool previousMatch = false;
        for (const Part& p : parts) {
            if (p.isMatch == previousMatch && !kept.empty())
                kept.back().end = p.end;
            else
                kept.push_back(p);
            previousMatch = p.isMatch;
        }
        break;
    }
    }
    for (const Part& p : kept)
        if (p.end > p.begin)
            out.push_back(Piece{text.substr(p.begin, p.end - p.begin), piece.atOrigin && p.begin == 0});
}

}  // namespace exl2::tok
