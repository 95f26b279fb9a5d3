#include "tokenizer/tokenizer.h"

#include "tokenizer/tokenizer_impl.h"
#include "tokenizer/utf8.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace exl2 {

namespace {

using tok::Json;

Json parseJsonText(std::string_view text, const std::string& fileName)
{
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for numbers like 1e999
        throw Error(ErrorCode::Format, fileName + ": not valid JSON: " + e.what());
    }
}

Json parseJson(const std::filesystem::path& file)
{
    if (!std::filesystem::is_regular_file(file))
        throw Error(ErrorCode::Io, file.string() + ": file not found (expected a tokenizer JSON file)");
    return parseJsonText(readFile(file), file.string());
}

std::optional<int32_t> lookup(const Tokenizer::Impl& impl, std::string_view token)
{
    if (const auto* added = impl.added.byContent(token))
        return added->id;
    return impl.model->tokenToId(token);
}

std::optional<int32_t> firstKnown(const Tokenizer::Impl& impl, std::initializer_list<std::string_view> names)
{
    for (auto name : names)
        if (auto id = lookup(impl, name))
            return id;
    return std::nullopt;
}

// The model's ids plus the added tokens' (which may lie past the model's table).
int64_t vocabSizeOf(const Tokenizer::Impl& impl)
{
    int64_t size = static_cast<int64_t>(impl.model->idToToken().size());
    for (const auto& t : impl.added.tokens())
        size = std::max<int64_t>(size, int64_t(t.id) + 1);
    return size;
}

std::shared_ptr<Tokenizer::Impl> load(const Json& root, const std::string& fileName)
{
    const tok::JsonReader reader(fileName);
    if (!root.is_object())
        reader.fail("(top level)", "a JSON object");
    auto impl = std::make_shared<Tokenizer::Impl>();

    const Json& model = reader.object(root, "", "model");
    const std::string modelType = reader.optString(model, "model", "type", "BPE");
    if (modelType != "BPE")
        reader.unsupported("model.type", "model type '" + modelType + "'");
    impl->model = std::make_unique<tok::BpeModel>(model, "model", reader);

    const Json null;
    auto member = [&](const char* key) -> const Json& { return root.contains(key) ? root[key] : null; };
    impl->normalizer = tok::makeNormalizer(member("normalizer"), "normalizer", reader);
    impl->preTokenizer = tok::makePreTokenizer(member("pre_tokenizer"), "pre_tokenizer", reader);
    impl->postProcessor = std::make_unique<tok::PostProcessor>(member("post_processor"), "post_processor", reader);
    impl->decoder = tok::makeDecoder(member("decoder"), "decoder", reader);

    const Json& addedList = member("added_tokens");
    if (!addedList.is_null() && !addedList.is_array())
        reader.fail("added_tokens", "an array");
    const tok::Normalizer* normalizer = impl->normalizer.get();
    impl->added = tok::AddedVocab(addedList.is_null() ? Json::array() : addedList, "added_tokens", reader,
                                  [normalizer](std::string s) { return normalizer ? normalizer->normalize(s) : s; });

    // The processor's ids go into every encoding unchecked: one past the vocabulary (say a template naming
    // an added token that is not in added_tokens) would index past the model's embedding table later.
    const int64_t vocab = vocabSizeOf(*impl);
    for (int32_t id : impl->postProcessor->addedIds())
        if (id < 0 || id >= vocab)
            reader.fail("post_processor", "special token ids inside the vocabulary (0.." + std::to_string(vocab - 1) +
                                              "), found id " + std::to_string(id));

    impl->bos = impl->postProcessor->leadingId();
    if (!impl->bos)
        impl->bos = firstKnown(*impl, {"<s>", "<|begin_of_text|>", "<|startoftext|>", "<|endoftext|>"});
    impl->eos = firstKnown(*impl, {"</s>", "<|end_of_text|>", "<|endoftext|>", "<|im_end|>"});
    return impl;
}

// bos_token/eos_token of tokenizer_config.json: a string or an object with "content".
std::optional<std::string> configToken(const Json& config, const char* key)
{
    const auto it = config.find(key);
    if (it == config.end())
        return std::nullopt;
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_object() && it->contains("content") && (*it)["content"].is_string())
        return (*it)["content"].get<std::string>();
    return std::nullopt;
}

}  // namespace

void Tokenizer::Impl::segment(std::string_view text, const std::function<void(int32_t)>& onToken,
                              const std::function<void(const std::string&)>& onPiece) const
{
    std::vector<tok::Segment> raw, normalized;
    added.split(tok::Segment{std::string(text), std::nullopt, true}, false, raw);
    for (tok::Segment& s : raw) {
        if (s.tokenId) {
            normalized.push_back(std::move(s));
            continue;
        }
        if (normalizer)
            s.text = normalizer->normalize(std::move(s.text));
        added.split(s, true, normalized);
    }
    std::vector<tok::Piece> pieces;
    for (tok::Segment& s : normalized) {
        if (s.tokenId) {
            onToken(*s.tokenId);
            continue;
        }
        pieces.clear();
        pieces.push_back(tok::Piece{std::move(s.text), s.atOrigin});
        if (preTokenizer)
            preTokenizer->apply(pieces);
        for (const tok::Piece& p : pieces)
            onPiece(p.text);
    }
}

Tokenizer Tokenizer::fromFile(const std::filesystem::path& tokenizerJson)
{
    return Tokenizer(load(parseJson(tokenizerJson), tokenizerJson.string()));
}

Tokenizer Tokenizer::fromJsonText(std::string_view text, const std::string& fileName)
{
    return Tokenizer(load(parseJsonText(text, fileName), fileName));
}

Tokenizer Tokenizer::fromModelDir(const std::filesystem::path& dir)
{
    const auto file = dir / "tokenizer.json";
    auto impl = load(parseJson(file), file.string());
    const auto configFile = dir / "tokenizer_config.json";
    if (std::filesystem::is_regular_file(configFile)) {
        const Json config = parseJson(configFile);
        if (config.is_object()) {
            if (auto name = configToken(config, "bos_token"))
                if (auto id = lookup(*impl, *name))
                    impl->bos = id;
            if (auto name = configToken(config, "eos_token"))
                if (auto id = lookup(*impl, *name))
                    impl->eos = id;
        }
    }
    return Tokenizer(std::move(impl));
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool addSpecialTokens) const
{
    if (const auto bad = utf8::firstInvalid(text))
        throw Error(ErrorCode::InvalidArgument,
                    "text to tokenize: invalid UTF-8 at byte offset " + std::to_string(*bad) + " (expected UTF-8 text)");
    std::vector<int32_t> ids;
    ids.reserve(text.size() / 3);
    m_impl->segment(
        text, [&](int32_t id) { ids.push_back(id); }, [&](const std::string& piece) { m_impl->model->encode(piece, ids); });
    return addSpecialTokens ? m_impl->postProcessor->apply(std::move(ids)) : ids;
}

std::string Tokenizer::decode(std::span<const int32_t> ids, bool skipSpecialTokens) const
{
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (int32_t id : ids) {
        if (const auto* added = m_impl->added.byId(id)) {
            if (!(skipSpecialTokens && added->special))
                tokens.push_back(added->content);
            continue;
        }
        const auto& table = m_impl->model->idToToken();
        if (id < 0 || static_cast<size_t>(id) >= table.size() || table[static_cast<size_t>(id)].empty())
            continue;
        const std::string& token = table[static_cast<size_t>(id)];
        if (skipSpecialTokens) {
            if (const auto* same = m_impl->added.byContent(token); same && same->special)
                continue;
        }
        tokens.push_back(token);
    }
    if (!m_impl->decoder) {
        std::string out;
        for (size_t i = 0; i < tokens.size(); ++i)
            out += (i ? " " : "") + tokens[i];
        return out;
    }
    m_impl->decoder->decodeChain(tokens);
    std::string out;
    for (const auto& t : tokens)
        out += t;
    return out;
}

std::optional<std::string> Tokenizer::idToToken(int32_t id) const
{
    if (const auto* added = m_impl->added.byId(id))
        return added->content;
    const auto& table = m_impl->model->idToToken();
    if (id < 0 || static_cast<size_t>(id) >= table.size() || table[static_cast<size_t>(id)].empty())
        return std::nullopt;
    return table[static_cast<size_t>(id)];
}

std::optional<int32_t> Tokenizer::tokenToId(std::string_view token) const
{
    return lookup(*m_impl, token);
}

int64_t Tokenizer::vocabSize() const { return vocabSizeOf(*m_impl); }

std::optional<int32_t> Tokenizer::bosTokenId() const { return m_impl->bos; }
std::optional<int32_t> Tokenizer::eosTokenId() const { return m_impl->eos; }

}  // namespace exl2
