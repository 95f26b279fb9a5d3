// The parts of a loaded tokenizer.json behind exl2::Tokenizer (internal to core/tokenizer and its tests).
#pragma once

#include "tokenizer/added_vocab.h"
#include "tokenizer/bpe_model.h"
#include "tokenizer/decoder.h"
#include "tokenizer/normalizer.h"
#include "tokenizer/post_processor.h"
#include "tokenizer/pretokenizer.h"
#include "tokenizer/tokenizer.h"

#include <functional>
#include <memory>
#include <optional>

namespace exl2 {

struct Tokenizer::Impl {
    std::unique_ptr<tok::Normalizer> normalizer;
    std::unique_ptr<tok::PreTokenizer> preTokenizer;
    std::unique_ptr<tok::BpeModel> model;
    std::unique_ptr<tok::PostProcessor> postProcessor;
    std::unique_ptr<tok::Decoder> decoder;
    tok::AddedVocab added;
    std::optional<int32_t> bos, eos;

    // Splits text at added tokens and normalizes the rest; pieces are pre-tokenized words for the model.
    // Calls onToken(id) for added tokens and onPiece(piece) for model input, in order.
    void segment(std::string_view text, const std::function<void(int32_t)>& onToken,
                 const std::function<void(const std::string&)>& onPiece) const;
};

}  // namespace exl2
