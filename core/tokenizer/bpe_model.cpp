#include "tokenizer/bpe_model.h"

#include "tokenizer/utf8.h"
#include "util/error.h"

#include <cstdio>
#include <algorithm>

namespace exl2::tok {

BpeModel::BpeModel(const Json& model, const std::string& path, const JsonReader& reader)
{
    const Json& vocab = reader.object(model, path, "vocab");
    m_vocab.reserve(vocab.size());
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        if (!it.value().is_number_integer() || it.value().get<int64_t>() < 0 || it.value().get<int64_t>() > INT32_MAX)
            reader.fail(path + ".vocab[\"" + it.key() + "\"]", "a non-negative integer id");
        const auto id = static_cast<int32_t>(it.value().get<int64_t>());
        m_vocab.emplace(it.key(), id);
        if (static_cast<size_t>(id) >= m_idToToken.size())
            m_idToToken.resize(static_cast<size_t>(id) + 1);
        m_idToToken[static_cast<size_t>(id)] = it.key();
    }

    const Json& merges = reader.array(model, path, "merges");
    m_merges.reserve(merges.size());
    for (size_t i = 0; i < merges.size(); ++i) {
        const Json& m = merges[i];
        std::string a, b;
        if (m.is_string()) {
            const std::string s = m.get<std::string>();
            const size_t space = s.find(' ');
            if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos)
                reader.fail(path + ".merges[" + std::to_string(i) + "]", "\"left right\" (two tokens, one space)");
            a = s.substr(0, space);
            b = s.substr(space + 1);
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
            a = m[0].get<std::string>();
            b = m[1].get<std::string>();
        } else {
            reader.fail(path + ".merges[" + std::to_string(i) + "]", "a \"left right\" string or a [left, right] pair");
        }
        const auto ia = m_vocab.find(a), ib = m_vocab.find(b), ic = m_vocab.find(a + b);
        if (ia == m_vocab.end() || ib == m_vocab.end() || ic == m_vocab.end())
            reader.fail(path + ".merges[" + std::to_string(i) + "]", "a merge whose parts and result are in the vocab");
        m_merges.insert_or_assign(pairKey(ia->second, ib->second), Merge{static_cast<uint32_t>(i), ic->second});
    }

    const std::string unk = reader.optString(model, path, "unk_token", "");
    if (!unk.empty()) {
        const auto it = m_vocab.find(unk);
        if (it == m_vocab.end())
            reader.fail(path + ".unk_token", "a token of the vocab");
        m_unkId = it->second;
    }
    if (model.contains("dropout") && !model["dropout"].is_null() && model["dropout"].is_number() &&
        model["dropout"].get<double>() > 0.0)
        reader.unsupported(path + ".dropout", "BPE dropout");
    m_prefix = reader.optString(model, path, "continuing_subword_prefix", "");
    m_suffix = reader.optString(model, path, "end_of_word_suffix", "");
    m_plainChars = m_prefix.empty() && m_suffix.empty();
    for (const auto& [token, id] : m_vocab) {
        size_t pos = 0;
        if (!token.empty() && utf8::charLength(static_cast<unsigned char>(token[0])) == token.size()) {
            const char32_t cp = utf8::next(token, pos);
            m_charIds.emplace(cp, id);
        }
    }
    m_fuseUnk = reader.optBool(model, path, "fuse_unk", false);
    m_byteFallback = reader.optBool(model, path, "byte_fallback", false);
    m_ignoreMerges = reader.optBool(model, path, "ignore_merges", false);
    if (m_byteFallback) {
        m_byteIds.resize(256);
        for (int b = 0; b < 256; ++b) {
            char name[8];
            std::snprintf(name, sizeof name, "<0x%02X>", b);
            const auto it = m_vocab.find(name);
            if (it == m_vocab.end()) {
                m_byteIds.clear();  // a byte without a token makes the whole character fall back to unk
                break;
            }
            m_byteIds[static_cast<size_t>(b)] = it->second;
        }
    }
}

std::optional<int32_t> BpeModel::tokenToId(std::string_view token) const
{
    const auto it = m_vocab.find(std::string(token));
    if (it == m_vocab.end())
        return std::nullopt;
    return it->second;
}

std::optional<uint32_t> BpeModel::mergeRank(int32_t a, int32_t b) const
{
    const auto it = m_merges.find(pairKey(a, b));
    if (it == m_merges.end())
        return std::nullopt;
    return it->second.rank;
}

void BpeModel::initialSymbols(std::string_view piece, std::vector<int32_t>& ids, std::vector<uint32_t>& lengths) const
{
    std::optional<std::pair<int32_t, uint32_t>> pendingUnk;  // (id, byte length) not yet added
    std::string key;
    size_t pos = 0;
    while (pos < piece.size()) {
        const size_t begin = pos;
        if (m_plainChars) {
            const char32_t cp = utf8::next(piece, pos);
            const auto len = static_cast<uint32_t>(pos - begin);
            if (const auto it = m_charIds.find(cp); it != m_charIds.end()) {
                if (pendingUnk) {
                    ids.push_back(pendingUnk->first);
                    lengths.push_back(pendingUnk->second);
                    pendingUnk.reset();
                }
                ids.push_back(it->second);
                lengths.push_back(len);
                continue;
            }
            pos = begin;  // not a token: take the general path below
        }
        pos += utf8::charLength(static_cast<unsigned char>(piece[pos]));
        const auto len = static_cast<uint32_t>(pos - begin);
        key.assign(begin > 0 ? m_prefix : std::string());
        key.append(piece.substr(begin, pos - begin));
        if (pos == piece.size())
            key += m_suffix;
        if (const auto it = m_vocab.find(key); it != m_vocab.end()) {
            if (pendingUnk) {
                ids.push_back(pendingUnk->first);
                lengths.push_back(pendingUnk->second);
                pendingUnk.reset();
            }
            ids.push_back(it->second);
            lengths.push_back(len);
            continue;
        }
        if (!m_byteIds.empty()) {
            for (unsigned char b : key) {
                ids.push_back(m_byteIds[b]);
                lengths.push_back(1);
            }
            continue;
        }
        if (m_unkId) {
            if (pendingUnk && m_fuseUnk) {
                pendingUnk->second += len;
            } else {
                if (pendingUnk) {
                    ids.push_back(pendingUnk->first);
                    lengths.push_back(pendingUnk->second);
                }
                pendingUnk = std::pair{*m_unkId, len};
            }
        }
        // Without an unk token an unknown character is dropped, as in Hugging Face tokenizers.
    }
    if (pendingUnk) {
        ids.push_back(pendingUnk->first);
        lengths.push_back(pendingUnk->second);
    }
}

void BpeModel::encodeUncached(std::string_view piece, std::vector<int32_t>& out) const
{
    if (m_ignoreMerges) {
        if (const auto it = m_vocab.find(std::string(piece)); it != m_vocab.end()) {
            out.push_back(it->second);
            return;
        }
    }
    std::vector<int32_t> ids;
    std::vector<uint32_t> lengths;
    initialSymbols(piece, ids, lengths);
    const size_t n = ids.size();
    if (n < 2) {
        out.insert(out.end(), ids.begin(), ids.end());
        return;
    }
    // Doubly linked symbols merged lowest rank first (leftmost among equal ranks) from a heap;
    // stale heap entries (a side already merged away, or the pair changed) are skipped when popped.
    std::vector<int> prev(n), next(n);
    for (size_t i = 0; i < n; ++i) {
        prev[i] = static_cast<int>(i) - 1;
        next[i] = i + 1 < n ? static_cast<int>(i + 1) : -1;
    }
    struct Candidate {
        uint32_t rank;
        int pos;
        int32_t newId;
    };
    // std heap functions build a max-heap: "greater" puts the lowest (rank, pos) on top.
    const auto after = [](const Candidate& a, const Candidate& b) {
        return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos;
    };
    std::vector<Candidate> heap;
    heap.reserve(n);
    const auto candidate = [&](int left) -> std::optional<Candidate> {
        const int right = next[static_cast<size_t>(left)];
        if (right < 0)
            return std::nullopt;
        const auto it = m_merges.find(pairKey(ids[static_cast<size_t>(left)], ids[static_cast<size_t>(right)]));
        if (it == m_merges.end())
            return std::nullopt;
        return Candidate{it->second.rank, left, it->second.newId};
    };
    const auto push = [&](int left) {
        if (const auto c = candidate(left)) {
            heap.push_back(*c);
            std::push_heap(heap.begin(), heap.end(), after);
        }
    };
    for (size_t i = 0; i + 1 < n; ++i)
        if (const auto c = candidate(static_cast<int>(i)))
            heap.push_back(*c);
    std::make_heap(heap.begin(), heap.end(), after);
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), after);
        const Candidate c = heap.back();
        heap.pop_back();
        const auto left = static_cast<size_t>(c.pos);
        if (lengths[left] == 0 || next[left] < 0)
            continue;
        const auto right = static_cast<size_t>(next[left]);
        const auto it = m_merges.find(pairKey(ids[left], ids[right]));
        if (it == m_merges.end() || it->second.newId != c.newId)
            continue;
        ids[left] = c.newId;
        lengths[left] += lengths[right];
        lengths[right] = 0;  // marks the right symbol as merged away
        next[left] = next[right];
        if (next[right] >= 0)
            prev[static_cast<size_t>(next[right])] = c.pos;
        if (prev[left] >= 0)
            push(prev[left]);
        push(c.pos);
    }
    for (int i = 0; i >= 0; i = next[static_cast<size_t>(i)])
        out.push_back(ids[static_cast<size_t>(i)]);
}

void BpeModel::encode(const std::string& piece, std::vector<int32_t>& out) const
{
    if (piece.size() > kCacheMaxPiece) {
        encodeUncached(piece, out);
        return;
    }
    {
        std::lock_guard lock(m_cacheMutex);
        if (const auto it = m_cache.find(piece); it != m_cache.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    std::vector<int32_t> ids;
    encodeUncached(piece, ids);
    out.insert(out.end(), ids.begin(), ids.end());
    std::lock_guard lock(m_cacheMutex);
    if (m_cache.size() >= kCacheCapacity)
        m_cache.clear();  // a simple bound: calibration text reuses far fewer distinct words than this
    m_cache.emplace(piece, std::move(ids));
}

}  // namespace exl2::tok
