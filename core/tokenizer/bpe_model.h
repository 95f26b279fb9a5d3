// The BPE model of tokenizer.json: vocabulary, ranked merges, unk/fuse_unk, byte_fallback (<0xNN>),
// ignore_merges and subword prefix/suffix. Encodes one pre-tokenized piece at a time, with a word cache.
#pragma once

#include "tokenizer/json_reader.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace exl2::tok {

class BpeModel {
public:
    BpeModel(const Json& model, const std::string& path, const JsonReader& reader);

    // Appends the ids of one piece to out (cached per distinct piece).
    void encode(const std::string& piece, std::vector<int32_t>& out) const;
    // The same without cache, for measurements.
    void encodeUncached(std::string_view piece, std::vector<int32_t>& out) const;

    std::optional<int32_t> tokenToId(std::string_view token) const;
    const std::vector<std::string>& idToToken() const { return m_idToToken; }
    // Rank of merging a with b, or nullopt.
    std::optional<uint32_t> mergeRank(int32_t a, int32_t b) const;

private:
    struct Merge {
        uint32_t rank;
        int32_t newId;
    };
    static uint64_t pairKey(int32_t a, int32_t b) { return (uint64_t(uint32_t(a)) << 32) | uint32_t(b); }
    void initialSymbols(std::string_view piece, std::vector<int32_t>& ids, std::vector<uint32_t>& lengths) const;

    std::unordered_map<std::string, int32_t> m_vocab;
    std::vector<std::string> m_idToToken;
    std::unordered_map<uint64_t, Merge> m_merges;
    std::optional<int32_t> m_unkId;
    std::string m_prefix, m_suffix;
    bool m_fuseUnk = false, m_byteFallback = false, m_ignoreMerges = false;
    std::vector<int32_t> m_byteIds;  // <0xNN> ids when byte_fallback has all 256, else empty
    // Ids of single-character tokens by code point, for the common case of no subword prefix/suffix.
    std::unordered_map<char32_t, int32_t> m_charIds;
    bool m_plainChars = false;

    static constexpr size_t kCacheCapacity = 100000;
    static constexpr size_t kCacheMaxPiece = 256;
    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<int32_t>> m_cache;
};

}  // namespace exl2::tok
