// demoTokenizerJson(): a Llama-2-style SentencePiece BPE tokenizer.json (byte fallback, "▁" word marker) whose
// merges are learned from demoCorpus() by plain BPE: repeatedly merge the most frequent adjacent pair inside
// words (ties: smallest pair in byte order) until the vocabulary reaches DemoModelShape::vocab.
#include "model/demo_model.h"
#include "util/error.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

namespace exl2 {
namespace {

using Json = nlohmann::ordered_json;
const std::string kSpace = "\xe2\x96\x81";  // U+2581, SentencePiece's word marker

std::vector<std::string> utf8Chars(const std::string& s)
{
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

struct Learned {
    std::vector<std::string> merged;  // new pieces in learning order
    std::vector<std::string> chars;   // single-character pieces, most frequent first
    std::vector<std::string> merges;  // "a b", in learning order (= rank)
};

Learned learnBpe(const std::string& text, size_t learnedPieces)
{
    std::map<std::string, int64_t> wordCounts;
    std::string word;
    for (char ch : text + " ") {
        if (ch == ' ' || ch == '\n') {
            if (!word.empty())
                ++wordCounts[kSpace + word];
            word.clear();
        } else {
            word += ch;
        }
    }
    std::vector<std::pair<std::vector<std::string>, int64_t>> words;
    std::map<std::string, int64_t> charCounts;
    for (const auto& [w, n] : wordCounts) {
        words.push_back({utf8Chars(w), n});
        for (const auto& c : words.back().first)
            charCounts[c] += n;
    }
    Learned out;
    std::vector<std::pair<int64_t, std::string>> byFreq;
    for (const auto& [c, n] : charCounts)
        byFreq.push_back({-n, c});
    std::sort(byFreq.begin(), byFreq.end());
    for (const auto& [n, c] : byFreq)
        out.chars.push_back(c);

    std::map<std::string, bool> known;
    for (const auto& c : out.chars)
        known[c] = true;
    while (out.chars.size() + out.merged.size() < learnedPieces) {
        std::map<std::pair<std::string, std::string>, int64_t> pairs;
        for (const auto& [symbols, n] : words)
            for (size_t i = 0; i + 1 < symbols.size(); ++i)
                pairs[{symbols[i], symbols[i + 1]}] += n;
        if (pairs.empty())
            throw Error(ErrorCode::Internal, "demo tokenizer: corpus too small to learn " +
                                                 std::to_string(learnedPieces) + " pieces");
        auto best = pairs.begin();
        for (auto it = pairs.begin(); it != pairs.end(); ++it)
            if (it->second > best->second)  // map order makes the first maximum the smallest pair
                best = it;
        const auto [a, b] = best->first;
        const std::string ab = a + b;
        out.merges.push_back(a + " " + b);
        if (!known[ab]) {
            known[ab] = true;
            out.merged.push_back(ab);
        }
        for (auto& [symbols, n] : words) {
            std::vector<std::string> next;
            for (size_t i = 0; i < symbols.size(); ++i) {
                if (i + 1 < symbols.size() && symbols[i] == a && symbols[i + 1] == b) {
                    next.push_back(ab);
                    ++i;
                } else {
                    next.push_back(symbols[i]);
                }
            }
            symbols = std::move(next);
        }
    }
    return out;
}

Json specialToken(int id, const char* content)
{
    return Json{{"id", id},          {"content", content}, {"single_word", false}, {"lstrip", false},
                {"rstrip", false},   {"normalized", false}, {"special", true}};
}

}  // namespace

std::string demoTokenizerJson()
{
    const Learned learned = learnBpe(demoCorpus(), size_t(DemoModelShape::vocab - 3 - 256));

    Json vocab = Json::object();
    vocab["<unk>"] = 0;
    vocab["<s>"] = 1;
    vocab["</s>"] = 2;
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        vocab[name] = 3 + b;
    }
    int next = 259;
    for (const auto& p : learned.merged)  // merged pieces first, by rank, as SentencePiece orders by score
        vocab[p] = next++;
    for (const auto& c : learned.chars)
        vocab[c] = next++;

    const Json bos = {{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}};
    Json t;
    t["version"] = "1.0";
    t["truncation"] = nullptr;
    t["padding"] = nullptr;
    t["added_tokens"] = Json::array({specialToken(0, "<unk>"), specialToken(1, "<s>"), specialToken(2, "</s>")});
    t["normalizer"] = {{"type", "Sequence"},
                       {"normalizers", Json::array({Json{{"type", "Prepend"}, {"prepend", kSpace}},
                                                    Json{{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", kSpace}}})}};
    t["pre_tokenizer"] = nullptr;
    t["post_processor"] = {
        {"type", "TemplateProcessing"},
        {"single", Json::array({bos, Json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
        {"pair", Json::array({bos, Json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
                              Json{{"SpecialToken", {{"id", "<s>"}, {"type_id", 1}}}},
                              Json{{"Sequence", {{"id", "B"}, {"type_id", 1}}}}})},
        {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", Json::array({1})}, {"tokens", Json::array({"<s>"})}}}}}};
    t["decoder"] = {{"type", "Sequence"},
                    {"decoders", Json::array({Json{{"type", "Replace"}, {"pattern", {{"String", kSpace}}}, {"content", " "}},
                                              Json{{"type", "ByteFallback"}}, Json{{"type", "Fuse"}},
                                              Json{{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}})}};
    t["model"] = {{"type", "BPE"},
                  {"dropout", nullptr},
                  {"unk_token", "<unk>"},
                  {"continuing_subword_prefix", nullptr},
                  {"end_of_word_suffix", nullptr},
                  {"fuse_unk", true},
                  {"byte_fallback", true},
                  {"vocab", vocab},
                  {"merges", learned.merges}};
    return t.dump(2) + "\n";
}

}  // namespace exl2
