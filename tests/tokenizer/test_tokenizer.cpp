// Tokenizer suite: every golden line of every fixture family (encode, decode, id_to_token) must match the
// Hugging Face `tokenizers` output exactly; whole-file tokenization of the TinyStories sample; error cases.
#include "test_support.h"
#include "tokenizer/tokenizer.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>
#include <algorithm>
#include <fstream>
#include <thread>

using exl2::Tokenizer;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::vector<Json> readJsonLines(const fs::path& file)
{
    std::ifstream in(file);
    std::vector<Json> lines;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            lines.push_back(Json::parse(line));
    return lines;
}

std::string trimmed(const std::string& s)
{
    return QString::fromStdString(s).trimmed().toStdString();
}

// Fails the test with the line id, the field and both values.
#define EXPECT_FIELD(lineId, field, actual, expected)                                                     \
    do {                                                                                                 \
        if ((actual) != (expected))                                                                      \
            QFAIL(qPrintable(QString("%1, field %2:\n  expected %3\n  actual   %4")                      \
                                 .arg(QString::fromStdString(lineId), QString(field),                    \
                                      QString::fromStdString(Json(expected).dump()),                     \
                                      QString::fromStdString(Json(actual).dump()))));                    \
    } while (0)

fs::path familyDir(const QString& family)
{
    return exl2test::sharedDir() / "tokenizers" / family.toStdString();
}

void addFamilyRows()
{
    QTest::addColumn<QString>("family");
    const fs::path root = exl2test::sharedDir() / "tokenizers";
    if (!fs::is_directory(root)) {
        QTest::newRow("no-shared") << QString();
        return;
    }
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(root))
        if (fs::exists(entry.path() / "golden.jsonl"))
            names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& n : names)
        QTest::newRow(n.c_str()) << QString::fromStdString(n);
}

void writeText(const fs::path& file, const std::string& text)
{
    std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

private slots:
    void goldenEncode_data() { addFamilyRows(); }
    void goldenEncode()
    {
        EXL2_REQUIRE_SHARED();
        QFETCH(QString, family);
        const Tokenizer tok = Tokenizer::fromModelDir(familyDir(family));
        const auto lines = readJsonLines(familyDir(family) / "golden.jsonl");
        QVERIFY(!lines.empty());
        for (const Json& g : lines) {
            const std::string id = g["id"].get<std::string>() + " (" + g["note"].get<std::string>() + ")";
            const std::string text = g["text"].get<std::string>();
            const auto noSpecial = tok.encode(text, false);
            EXPECT_FIELD(id, "ids_no_special", noSpecial, g["ids_no_special"].get<std::vector<int32_t>>());
            const auto withSpecial = tok.encode(text, true);
            EXPECT_FIELD(id, "ids_with_special", withSpecial, g["ids_with_special"].get<std::vector<int32_t>>());
            // The library's token strings of an lstrip/rstrip added token include the whitespace it swallowed;
            // idToToken gives the token's content, so compare without that whitespace.
            auto expectedTokens = g["tokens_no_special"].get<std::vector<std::string>>();
            std::vector<std::string> tokens;
            for (size_t i = 0; i < noSpecial.size(); ++i) {
                tokens.push_back(tok.idToToken(noSpecial[i]).value_or("<none>"));
                if (i < expectedTokens.size() && tokens[i] != expectedTokens[i])
                    expectedTokens[i] = trimmed(expectedTokens[i]);
            }
            EXPECT_FIELD(id, "tokens_no_special", tokens, expectedTokens);
            EXPECT_FIELD(id, "decode_no_special", tok.decode(noSpecial, false), g["decode_no_special"].get<std::string>());
            EXPECT_FIELD(id, "decode_with_special", tok.decode(withSpecial, false),
                         g["decode_with_special"].get<std::string>());
            EXPECT_FIELD(id, "decode_with_special_skip", tok.decode(withSpecial, true),
                         g["decode_with_special_skip"].get<std::string>());
        }
    }

    void goldenDecode_data() { addFamilyRows(); }
    void goldenDecode()
    {
        EXL2_REQUIRE_SHARED();
        QFETCH(QString, family);
        const Tokenizer tok = Tokenizer::fromModelDir(familyDir(family));
        const auto lines = readJsonLines(familyDir(family) / "decode_golden.jsonl");
        QVERIFY(!lines.empty());
        for (const Json& g : lines) {
            const std::string id = g["id"].get<std::string>() + " (" + g["kind"].get<std::string>() + ")";
            const auto ids = g["ids"].get<std::vector<int32_t>>();
            std::vector<Json> tokens;
            for (int32_t t : ids) {
                const auto s = tok.idToToken(t);
                tokens.push_back(s ? Json(*s) : Json());
            }
            EXPECT_FIELD(id, "tokens", Json(tokens), g["tokens"]);
            EXPECT_FIELD(id, "decode", tok.decode(ids, false), g["decode"].get<std::string>());
            EXPECT_FIELD(id, "decode_skip_special", tok.decode(ids, true), g["decode_skip_special"].get<std::string>());
        }
    }

    // Extra strings tokenized by scripts/make_tokenizer_goldens.py with the Python library.
    void extraGolden_data() { addFamilyRows(); }
    void extraGolden()
    {
        EXL2_REQUIRE_SHARED();
        QFETCH(QString, family);
        const Tokenizer tok = Tokenizer::fromModelDir(familyDir(family));
        int checked = 0;
        for (const Json& g : readJsonLines(exl2test::testDataDir() / "tokenizer" / "extra_golden.jsonl")) {
            if (g["family"].get<std::string>() != family.toStdString())
                continue;
            const std::string id = g["id"].get<std::string>();
            const std::string text = g["text"].get<std::string>();
            const auto withSpecial = tok.encode(text, true);
            EXPECT_FIELD(id, "ids_no_special", tok.encode(text, false), g["ids_no_special"].get<std::vector<int32_t>>());
            EXPECT_FIELD(id, "ids_with_special", withSpecial, g["ids_with_special"].get<std::vector<int32_t>>());
            EXPECT_FIELD(id, "decode_with_special", tok.decode(withSpecial, false),
                         g["decode_with_special"].get<std::string>());
            EXPECT_FIELD(id, "decode_with_special_skip", tok.decode(withSpecial, true),
                         g["decode_with_special_skip"].get<std::string>());
            ++checked;
        }
        QVERIFY2(checked > 0, "no extra golden lines for this family");
    }

    // Variants of the stories260k tokenizer.json with components the fixtures lack (see the script).
    void syntheticGolden_data()
    {
        QTest::addColumn<QString>("name");
        for (const Json& v : readJsonLines(exl2test::testDataDir() / "tokenizer" / "synthetic_golden.jsonl"))
            QTest::newRow(v["name"].get<std::string>().c_str()) << QString::fromStdString(v["name"].get<std::string>());
    }
    void syntheticGolden()
    {
        EXL2_REQUIRE_SHARED();
        QFETCH(QString, name);
        Json variant;
        for (const Json& v : readJsonLines(exl2test::testDataDir() / "tokenizer" / "synthetic_golden.jsonl"))
            if (v["name"].get<std::string>() == name.toStdString())
                variant = v;
        Json tokenizerJson = Json::parse(std::ifstream(exl2test::sharedDir() / "models" / "stories260k" / "tokenizer.json"));
        for (const auto& [key, value] : variant["overrides"].items()) {
            if (key == "model")
                tokenizerJson["model"].update(value);
            else
                tokenizerJson[key] = value;
        }
        const fs::path file = exl2test::scratchDir("tokenizer-synthetic-" + name.toStdString()) / "tokenizer.json";
        writeText(file, tokenizerJson.dump());
        const Tokenizer tok = Tokenizer::fromFile(file);
        for (const Json& c : variant["cases"]) {
            const std::string text = c["text"].get<std::string>();
            const std::string id = "text " + Json(text).dump();
            const auto withSpecial = tok.encode(text, true);
            EXPECT_FIELD(id, "ids_no_special", tok.encode(text, false), c["ids_no_special"].get<std::vector<int32_t>>());
            EXPECT_FIELD(id, "ids_with_special", withSpecial, c["ids_with_special"].get<std::vector<int32_t>>());
            EXPECT_FIELD(id, "decode_with_special", tok.decode(withSpecial, false),
                         c["decode_with_special"].get<std::string>());
            EXPECT_FIELD(id, "decode_with_special_skip", tok.decode(withSpecial, true),
                         c["decode_with_special_skip"].get<std::string>());
        }
    }

    void wholeFileStories260k()
    {
        EXL2_REQUIRE_SHARED();
        const Json golden = Json::parse(std::ifstream(exl2test::testDataDir() / "tokenizer" / "tinystories_stories260k.json"));
        std::ifstream in(exl2test::sharedDir() / "data" / "tinystories_val_sample.txt", std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const Tokenizer tok = Tokenizer::fromModelDir(exl2test::sharedDir() / "models" / "stories260k");
        for (const char* key : {"no_special", "with_special"}) {
            const auto ids = tok.encode(text, std::string(key) == "with_special");
            const Json& g = golden[key];
            const auto first = g["first_ids"].get<std::vector<int32_t>>();
            for (size_t i = 0; i < first.size() && i < ids.size(); ++i)
                if (ids[i] != first[i])
                    QFAIL(qPrintable(QString("%1: first mismatch at id index %2: expected %3, got %4")
                                         .arg(key).arg(i).arg(first[i]).arg(ids[i])));
            QCOMPARE(static_cast<int64_t>(ids.size()), g["count"].get<int64_t>());
            QByteArray bytes;
            for (int32_t id : ids)
                for (int b = 0; b < 4; ++b)
                    bytes.append(static_cast<char>((static_cast<uint32_t>(id) >> (8 * b)) & 0xFF));
            QCOMPARE(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString(),
                     g["sha256_int32le"].get<std::string>());
        }
    }

    void modelDirMetadata()
    {
        EXL2_REQUIRE_SHARED();
        const Tokenizer tok = Tokenizer::fromModelDir(exl2test::sharedDir() / "models" / "stories260k");
        QCOMPARE(tok.vocabSize(), int64_t(512));
        QCOMPARE(tok.bosTokenId().value_or(-1), 1);
        QCOMPARE(tok.eosTokenId().value_or(-1), 2);
        QCOMPARE(tok.idToToken(1).value_or(""), std::string("<s>"));
        QVERIFY(!tok.idToToken(512).has_value());
        QVERIFY(!tok.idToToken(-1).has_value());
        const Tokenizer gpt2 = Tokenizer::fromFile(familyDir("gpt2") / "tokenizer.json");
        QCOMPARE(gpt2.vocabSize(), int64_t(50257));
        QCOMPARE(gpt2.eosTokenId().value_or(-1), 50256);
        // Copies share the tables and give the same ids.
        const Tokenizer copy = tok;
        QCOMPARE(copy.encode("Once upon a time", true), tok.encode("Once upon a time", true));
    }

    // One tokenizer used from several threads (shared word cache) gives the same ids as a single thread.
    void concurrentEncode()
    {
        EXL2_REQUIRE_SHARED();
        std::ifstream in(exl2test::sharedDir() / "data" / "tinystories_val_sample.txt", std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        text.resize(200000);
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
            text.pop_back();
        const Tokenizer reference = Tokenizer::fromFile(familyDir("gpt2") / "tokenizer.json");
        const auto expected = reference.encode(text, false);
        const Tokenizer shared = Tokenizer::fromFile(familyDir("gpt2") / "tokenizer.json");
        std::vector<std::vector<int32_t>> results(4);
        std::vector<std::thread> threads;
        for (size_t t = 0; t < results.size(); ++t)
            threads.emplace_back([&, t] { results[t] = shared.encode(text, false); });
        for (auto& th : threads)
            th.join();
        for (const auto& r : results)
            QVERIFY(r == expected);
    }

    // Newer tokenizer.json files store merges as [left, right] pairs instead of "left right" strings.
    void mergesAsPairs()
    {
        EXL2_REQUIRE_SHARED();
        Json j = Json::parse(std::ifstream(familyDir("stories260k") / "tokenizer.json"));
        Json pairs = Json::array();
        for (const Json& m : j["model"]["merges"]) {
            const auto text = m.get<std::string>();
            const auto space = text.find(' ');
            pairs.push_back(Json::array({text.substr(0, space), text.substr(space + 1)}));
        }
        j["model"]["merges"] = pairs;
        const fs::path file = exl2test::scratchDir("tokenizer-merge-pairs") / "tokenizer.json";
        writeText(file, j.dump());
        const Tokenizer tok = Tokenizer::fromFile(file);
        for (const Json& g : readJsonLines(familyDir("stories260k") / "golden.jsonl"))
            EXPECT_FIELD(g["id"].get<std::string>(), "ids_with_special", tok.encode(g["text"].get<std::string>(), true),
                         g["ids_with_special"].get<std::vector<int32_t>>());
    }

    void invalidUtf8()
    {
        EXL2_REQUIRE_SHARED();
        const Tokenizer tok = Tokenizer::fromModelDir(exl2test::sharedDir() / "models" / "stories260k");
        try {
            tok.encode("abc\xC3(def", false);
            QFAIL("invalid UTF-8 was accepted");
        } catch (const exl2::Error& e) {
            QCOMPARE(e.code(), exl2::ErrorCode::InvalidArgument);
            QVERIFY2(std::string(e.what()).find("offset 3") != std::string::npos, e.what());
        }
    }

    // Malformed or unsupported tokenizer.json files from tests/data/tokenizer/bad_tokenizers.jsonl:
    // each must fail with its error code, the file name and the field or component named.
    void badFiles_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");
        for (const Json& c : readJsonLines(exl2test::testDataDir() / "tokenizer" / "bad_tokenizers.jsonl"))
            QTest::newRow(c["name"].get<std::string>().c_str())
                << QString::fromStdString(c["text"].get<std::string>())
                << QString::fromStdString(c["code"].get<std::string>())
                << QString::fromStdString(c["mentions"].get<std::string>());
    }
    void badFiles()
    {
        QFETCH(QString, json);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        std::string tag = QTest::currentDataTag();
        std::replace(tag.begin(), tag.end(), ' ', '-');
        const fs::path dir = exl2test::scratchDir("tokenizer-bad-" + tag);
        const fs::path file = dir / "tokenizer.json";
        writeText(file, json.toStdString());
        try {
            (void)Tokenizer::fromFile(file);
            QFAIL("the file was accepted");
        } catch (const exl2::Error& e) {
            const std::string what = e.what();
            QVERIFY2(exl2::errorCodeName(e.code()) == code, what.c_str());
            QVERIFY2(what.find(file.string()) != std::string::npos, what.c_str());
            QVERIFY2(what.find(mentions.toStdString()) != std::string::npos, what.c_str());
        }
    }

    void missingFile()
    {
        try {
            (void)Tokenizer::fromModelDir(exl2test::scratchDir("tokenizer-empty"));
            QFAIL("a folder without tokenizer.json was accepted");
        } catch (const exl2::Error& e) {
            QCOMPARE(e.code(), exl2::ErrorCode::Io);
            QVERIFY(std::string(e.what()).find("tokenizer.json") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
