// Hugging Face's split-delimiter behaviours: how the matches of a pattern inside a piece become
// sub-pieces (removed, isolated, merged with the previous or next part, or merged when contiguous).
#pragma once

#include "tokenizer/pretokenizer.h"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace exl2::tok {

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

std::optional<SplitBehavior> splitBehaviorFromName(std::string_view name);

// Appends the non-empty sub-pieces of piece to out. matches: sorted, non-overlapping [begin, end) ranges.
// invert: the parts between matches are the delimiters instead.
void splitPiece(const Piece& piece, const std::vector<std::pair<size_t, size_t>>& matches, SplitBehavior behavior,
                bool invert, std::vector<Piece>& out);

}  // namespace exl2::tok
