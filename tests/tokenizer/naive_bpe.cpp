#include "naive_bpe.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <limits>

NaiveBpe::NaiveBpe(const std::filesystem::path& tokenizerJson)
{
    const auto root = nlohmann::json::parse(std::ifstream(tokenizerJson));
    const auto& model = root["model"];
    const auto& vocab = model["vocab"];
    for (auto it = vocab.begin(); it != vocab.end(); ++it)
        m_vocab.emplace(it.key(), it.value().get<int32_t>());
    size_t rank = 0;
    for (const auto& m : model["merges"]) {
        std::string a, b;
        if (m.is_string()) {
            const auto s = m.get<std::string>();
            a = s.substr(0, s.find(' '));
            b = s.substr(s.find(' ') + 1);
        } else {
            a = m[0].get<std::string>();
            b = m[1].get<std::string>();
        }
        m_ranks.emplace(std::pair{a, b}, rank++);
    }
    m_byteFallback = model.value("byte_fallback", false);
}

void NaiveBpe::encodeWord(const std::string& word, std::vector<int32_t>& out) const
{
    std::vector<std::string> parts;
    for (size_t i = 0; i < word.size();) {
        const unsigned char c = static_cast<unsigned char>(word[i]);
        const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        parts.push_back(word.substr(i, len));
        i += len;
    }
    for (;;) {
        size_t best = std::numeric_limits<size_t>::max(), at = 0;
        for (size_t i = 0; i + 1 < parts.size(); ++i) {
            const auto it = m_ranks.find({parts[i], parts[i + 1]});
            if (it != m_ranks.end() && it->second < best) {
                best = it->second;
                at = i;
            }
        }
        if (best == std::numeric_limits<size_t>::max())
            break;
        parts[at] += parts[at + 1];
        parts.erase(parts.begin() + static_cast<long>(at) + 1);
    }
    for (const auto& p : parts) {
        if (const auto it = m_vocab.find(p); it != m_vocab.end()) {
            out.push_back(it->second);
        } else if (m_byteFallback) {
            for (unsigned char b : p) {
                char name[8];
                std::snprintf(name, sizeof name, "<0x%02X>", b);
                out.push_back(m_vocab.at(name));
            }
        }
    }
}
