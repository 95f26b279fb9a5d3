// The benchmark's named baseline: a plain BPE without cache or heap. Each step scans every adjacent pair
// of the word for the lowest merge rank (string-keyed maps) and merges it: O(n^2) per word.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

class NaiveBpe {
public:
    explicit NaiveBpe(const std::filesystem::path& tokenizerJson);
    void encodeWord(const std::string& word, std::vector<int32_t>& out) const;

private:
    std::unordered_map<std::string, int32_t> m_vocab;
    std::map<std::pair<std::string, std::string>, size_t> m_ranks;
    bool m_byteFallback = false;
};
