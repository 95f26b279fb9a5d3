// Calibration data: our parquet reader against real and generated files, every bad input giving one
// clear exl2::Error, jsonl/txt readers, row assembly semantics and the built-in dataset's determinism.
#include "calibration/builtin_dataset.h"
#include "calibration/calibration_rows.h"
#include "calibration/parquet_reader.h"
#include "calibration/text_readers.h"
#include "calibration/utf8_check.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <set>

using namespace exl2;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(exl2::ErrorCode)

namespace {

fs::path fixture(const std::string& name) { return exl2test::testDataDir() / "calibration" / name; }

// One id per byte: a stand-in tokenizer whose counts are easy to reason about.
std::vector<int32_t> byteEncode(std::string_view text)
{
    std::vector<int32_t> ids;
    for (unsigned char c : text)
        ids.push_back(c);
    return ids;
}

// Roughly word-level (~4-5 bytes per id), closer to a 32k BPE vocabulary than bytes.
std::vector<int32_t> wordEncode(std::string_view text)
{
    std::vector<int32_t> ids;
    uint32_t h = 0;
    size_t n = 0;
    for (unsigned char c : text) {
        h = h * 31 + c;
        if (++n == 4 || c == ' ' || c == '\n') {
            ids.push_back(static_cast<int32_t>(h % 32000));
            h = 0;
            n = 0;
        }
    }
    if (n)
        ids.push_back(static_cast<int32_t>(h % 32000));
    return ids;
}

std::vector<std::string> paragraphsOf(const std::string& text)
{
    // As the fixture's README describes: split on "\n\n", keep every piece with a non-space character
    // (pieces are not stripped: one paragraph starts with a newline).
    std::vector<std::string> out;
    size_t pos = 0;
    for (;;) {
        const size_t end = text.find("\n\n", pos);
        const std::string p = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (p.find_first_not_of(" \t\r\n") != std::string::npos)
            out.push_back(p);
        if (end == std::string::npos)
            return out;
        pos = end + 2;
    }
}

}  // namespace

class TestCalibration : public QObject {
    Q_OBJECT

private slots:
    void sharedParquet_data();
    void sharedParquet();
    void generatedParquet_data();
    void generatedParquet();
    void badInputs_data();
    void badInputs();
    void corruptParquetNeverCrashes();
    void jsonlAndTxt();
    void utf8Check_data();
    void utf8Check();
    void rowsFromTexts();
    void rowsFromFileNotEnough();
    void builtinCategories();
    void builtinDeterministic();
    void builtinMixAndRepeat();
    void sanitize();
};

void TestCalibration::sharedParquet_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("snappy") << "tinystories_val_sample.parquet";
    QTest::newRow("uncompressed") << "tinystories_val_sample_uncompressed.parquet";
}

void TestCalibration::sharedParquet()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(QString, file);
    const auto expected = paragraphsOf(readFile(exl2test::sharedDir() / "data" / "tinystories_val_sample.txt"));
    QCOMPARE(expected.size(), size_t(4300));
    const auto col = readParquetTextColumn(exl2test::sharedDir() / "data" / file.toStdString());
    QCOMPARE(col.column, std::string("text"));
    QCOMPARE(col.values.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        if (col.values[i] != expected[i])
            QFAIL(qPrintable(QString("paragraph %1 differs").arg(i)));
    // The .parquet dispatch gives the same texts.
    QCOMPARE(readCalibrationTexts(exl2test::sharedDir() / "data" / file.toStdString()).size(), expected.size());
}

void TestCalibration::generatedParquet_data()
{
    QTest::addColumn<std::string>("file");
    QTest::addColumn<std::string>("column");
    QTest::addColumn<bool>("byDefault");
    QTest::addColumn<QStringList>("values");
    const auto cases = nlohmann::json::parse(readFile(fixture("expected.json")));
    QVERIFY(cases.size() >= 8);
    for (const auto& c : cases) {
        QStringList values;
        for (const auto& v : c["values"])
            values << QString::fromStdString(v.get<std::string>());
        const std::string file = c["file"], column = c["column"];
        const bool byDefault = c.value("default", false);
        QTest::newRow((file + ":" + column).c_str()) << file << column << byDefault << values;
    }
}

void TestCalibration::generatedParquet()
{
    QFETCH(std::string, file);
    QFETCH(std::string, column);
    QFETCH(bool, byDefault);
    QFETCH(QStringList, values);
    const auto col = readParquetTextColumn(fixture(file), byDefault ? std::string() : column);
    QCOMPARE(col.column, column);
    QStringList got;
    for (const auto& v : col.values)
        got << QString::fromStdString(v);
    QCOMPARE(got, values);
    if (file.find("nulls") != std::string::npos)
        QCOMPARE(col.nullCount, size_t(17));
}

void TestCalibration::badInputs_data()
{
    QTest::addColumn<std::string>("name");      // file name to write (extension picks the reader)
    QTest::addColumn<std::string>("contents");
    QTest::addColumn<std::string>("column");
    QTest::addColumn<exl2::ErrorCode>("code");
    QTest::addColumn<QString>("expected");      // part of the message

    const std::string good = readFile(fixture("gzip_plain_v1.parquet"));
    const size_t n = good.size();
    auto with = [&](size_t at, char byte) {
        std::string s = good;
        s[at] = byte;
        return s;
    };
    uint32_t footerLen;
    std::memcpy(&footerLen, good.data() + n - 8, 4);
    const size_t footer = n - 8 - footerLen;

    QTest::newRow("empty parquet") << std::string("a.parquet") << std::string() << std::string() << ErrorCode::Format << "too small to be parquet";
    QTest::newRow("bad leading magic") << std::string("a.parquet") << with(0, 'X') << std::string() << ErrorCode::Format << "not a parquet file";
    QTest::newRow("truncated half") << std::string("a.parquet") << good.substr(0, n / 2) << std::string() << ErrorCode::Format << "not a parquet file";
    {
        std::string s = good;
        const uint32_t huge = 0x7fffffff;
        std::memcpy(s.data() + n - 8, &huge, 4);
        QTest::newRow("footer length too big") << std::string("a.parquet") << s << std::string() << ErrorCode::Format << "footer length";
    }
    {
        std::string s = good;
        for (size_t i = footer; i < footer + 16; ++i)
            s[i] = char(0xff);
        QTest::newRow("garbage footer") << std::string("a.parquet") << s << std::string() << ErrorCode::Format << "parquet footer";
    }
    {   // chop the data area but keep a valid footer: the column chunk now points past the data
        std::string s = "PAR1" + good.substr(footer);
        QTest::newRow("data area cut") << std::string("a.parquet") << s << std::string() << ErrorCode::Format << "outside the data area";
    }
    QTest::newRow("corrupt gzip page") << std::string("a.parquet") << with(120, char(0x00)) << std::string() << ErrorCode::Format << "GZIP";
    QTest::newRow("encrypted footer") << std::string("a.parquet") << good.substr(0, n - 4) + "PARE" << std::string() << ErrorCode::Unsupported << "encrypted";
    QTest::newRow("no such column") << std::string("a.parquet") << good << std::string("body") << ErrorCode::InvalidArgument << "no column named 'body' (columns: text)";
    QTest::newRow("int column") << std::string("a.parquet") << readFile(fixture("multi_column.parquet")) << std::string("id") << ErrorCode::Unsupported << "column 'id' has physical type INT64; expected a BYTE_ARRAY string column";
    QTest::newRow("parquet not utf8") << std::string("a.parquet") << readFile(fixture("invalid_utf8.parquet")) << std::string() << ErrorCode::Format << "not valid UTF-8 at byte offset 4";
    QTest::newRow("jsonl bad json") << std::string("b.jsonl") << std::string("{\"text\":\"ok\"}\n{\"text\": oops}\n") << std::string() << ErrorCode::Format << "line 2: not valid JSON";
    QTest::newRow("jsonl missing field") << std::string("b.jsonl") << std::string("{\"body\":\"x\"}\n") << std::string() << ErrorCode::Format << "line 1: no field 'text' (fields: body)";
    QTest::newRow("jsonl field not string") << std::string("b.jsonl") << std::string("\n{\"text\":\"a\"}\n{\"text\":5}\n") << std::string() << ErrorCode::Format << "line 3: field 'text' is number";
    QTest::newRow("json array of numbers") << std::string("b.json") << std::string("[1,2]\n") << std::string() << ErrorCode::Format << "array element 0: expected a JSON object";
    QTest::newRow("json array cut") << std::string("b.json") << std::string("[{\"text\":\"a\"},") << std::string() << ErrorCode::Format << "not a valid JSON array";
    QTest::newRow("jsonl line is array") << std::string("b.jsonl") << std::string("{\"text\":\"a\"}\n[1]\n") << std::string() << ErrorCode::Format << "line 2: expected a JSON object";
    QTest::newRow("jsonl not utf8") << std::string("b.jsonl") << std::string("{\"text\":\"\xc3\x28\"}\n") << std::string() << ErrorCode::Format << "not valid UTF-8 at byte offset 9";
    QTest::newRow("txt not utf8") << std::string("c.txt") << std::string("hello \xed\xa0\x80 world") << std::string() << ErrorCode::Format << "not valid UTF-8 at byte offset 6";
    QTest::newRow("txt with column") << std::string("c.txt") << std::string("hi") << std::string("text") << ErrorCode::InvalidArgument << "no columns";
    QTest::newRow("csv extension") << std::string("d.csv") << std::string("a,b\n") << std::string() << ErrorCode::Unsupported << "expected .parquet, .jsonl, .json or .txt";
}

void TestCalibration::badInputs()
{
    QFETCH(std::string, name);
    QFETCH(std::string, contents);
    QFETCH(std::string, column);
    QFETCH(exl2::ErrorCode, code);
    QFETCH(QString, expected);
    const fs::path file = exl2test::scratchDir("calibration-bad") / name;
    writeFileAtomically(file, contents);
    try {
        readCalibrationTexts(file, column);
        QFAIL("no error");
    } catch (const Error& e) {
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.contains(QString::fromStdString(file.string())), qPrintable(msg));
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QCOMPARE(e.code(), code);
    }
}

void TestCalibration::corruptParquetNeverCrashes()
{
    // Every truncation and every single-byte change of small files must end in a result or an
    // exl2::Error, never a crash or another exception type.
    size_t errors = 0, ok = 0;
    for (const char* name : {"dictionary_pages.parquet", "v2_snappy_nulls_dict.parquet", "zstd_dict_v1.parquet"}) {
        const std::string good = readFile(fixture(name));
        auto attempt = [&](const std::string& bytes) {
            try {
                parseParquetTextColumn(bytes, name);
                ++ok;
            } catch (const Error&) {
                ++errors;
            }
        };
        for (size_t len = 0; len < good.size(); ++len)
            attempt(good.substr(0, len) + (len > 4 ? "PAR1" : ""));
        for (size_t i = 0; i < good.size(); ++i)
            for (unsigned char v : {0x00, 0x7f, 0xff}) {
                std::string s = good;
                s[i] = static_cast<char>(static_cast<unsigned char>(s[i]) ^ v ? v : 0x01);
                attempt(s);
            }
    }
    QVERIFY(errors > 1000);
    qInfo("corrupt variants: %zu rejected with exl2::Error, %zu still decodable", errors, ok);
}

void TestCalibration::jsonlAndTxt()
{
    const auto dir = exl2test::scratchDir("calibration-text");
    writeFileAtomically(dir / "a.jsonl", "{\"content\":\"one\",\"n\":1}\n\n{\"content\":\"zwei \xc3\xbc\"}\r\n");
    QCOMPARE(readCalibrationTexts(dir / "a.jsonl", "content"), (std::vector<std::string>{"one", "zwei \xc3\xbc"}));
    writeFileAtomically(dir / "b.json", "[{\"text\":\"x\"}, \"y\"]");
    QCOMPARE(readCalibrationTexts(dir / "b.json"), (std::vector<std::string>{"x", "y"}));
    const std::string txt = "Para one.\nline two\n\n\nPara two.\n\nLast";
    writeFileAtomically(dir / "c.TXT", txt);
    const auto pieces = readCalibrationTexts(dir / "c.TXT");
    QCOMPARE(pieces, (std::vector<std::string>{"Para one.\nline two\n\n\n", "Para two.\n\n", "Last"}));
}

void TestCalibration::utf8Check_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<int>("badAt");  // -1 = valid
    QTest::newRow("ascii") << std::string("plain") << -1;
    QTest::newRow("mixed scripts") << std::string("\xe7\x8c\xab \xd0\xba \xf0\x9f\x9a\x80") << -1;
    QTest::newRow("lone continuation") << std::string("ab\x80") << 2;
    QTest::newRow("overlong") << std::string("x\xc0\xaf") << 1;
    QTest::newRow("surrogate") << std::string("\xed\xb0\x80") << 0;
    QTest::newRow("truncated") << std::string("ok\xe2\x82") << 2;
    QTest::newRow("above 10FFFF") << std::string("\xf4\x90\x80\x80") << 0;
}

void TestCalibration::utf8Check()
{
    QFETCH(std::string, text);
    QFETCH(int, badAt);
    const size_t got = findInvalidUtf8(text);
    QCOMPARE(got == std::string_view::npos ? -1 : int(got), badAt);
}

void TestCalibration::rowsFromTexts()
{
    size_t calls = 0;
    const EncodeFn counting = [&](std::string_view t) { ++calls; return byteEncode(t); };
    const std::vector<std::string> texts = {"abcd", "efgh", "ijkl", "mnop", "qrst"};
    const auto rows = buildRowsFromTexts(texts, "mem", 3, 3, counting);
    QCOMPARE(calls, size_t(3));  // stops once 9 tokens exist (4 + 4 + 4 >= 9)
    QCOMPARE(rows.ids.size(), size_t(9));
    QCOMPARE(std::string(rows.ids.begin(), rows.ids.end()), std::string("abcdefghi"));  // no separators
    QCOMPARE(std::string(rows.row(2).begin(), rows.row(2).end()), std::string("ghi"));
    QCOMPARE(rows.tokensEncoded, size_t(12));
    QCOMPARE(rows.sources.at(0).texts, size_t(3));
    QVERIFY_THROWS_EXCEPTION(Error, buildRowsFromTexts(texts, "mem", 0, 3, byteEncode));
}

void TestCalibration::rowsFromFileNotEnough()
{
    const auto dir = exl2test::scratchDir("calibration-rows");
    writeFileAtomically(dir / "small.jsonl", "{\"text\":\"0123456789\"}\n{\"text\":\"abc\"}\n");
    try {
        buildRowsFromFile(dir / "small.jsonl", {}, 2, 8, byteEncode);
        QFAIL("no error");
    } catch (const Error& e) {
        const QString msg = e.what();
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        QVERIFY2(msg.contains("small.jsonl") && msg.contains("13 tokens") && msg.contains("need 16"), qPrintable(msg));
    }
    const auto rows = buildRowsFromFile(dir / "small.jsonl", {}, 1, 12, byteEncode);
    QCOMPARE(std::string(rows.ids.begin(), rows.ids.end()), std::string("0123456789ab"));
}

void TestCalibration::builtinCategories()
{
    std::set<std::string> names;
    size_t bytes = 0;
    for (const auto& c : builtinCalibrationCategories()) {
        names.insert(std::string(c.name));
        bytes += c.text.size();
        QVERIFY2(findInvalidUtf8(c.text) == std::string_view::npos, std::string(c.name).c_str());
        QVERIFY2(splitPassages(c.text).size() >= 5, std::string(c.name).c_str());
    }
    for (const char* want : {"prose", "dialogue", "technical", "encyclopedic", "code_cpp", "code_python", "code_rust",
                             "code_javascript", "code_sql", "code_shell", "math", "tables", "lang_de", "lang_fr",
                             "lang_es", "lang_zh", "lang_ja", "lang_ru", "lang_ar", "lang_hi"})
        QVERIFY2(names.count(want), want);
    QVERIFY2(bytes > 400 * 1024, qPrintable(QString("built-in dataset is only %1 bytes").arg(bytes)));
    QCOMPARE(splitPassages("a\n\n\nb\n\n\n\n\nc\n\nd\n\n\n"), (std::vector<std::string_view>{"a", "b", "c\n\nd"}));
    QCOMPARE(splitPassages("\nx\n"), (std::vector<std::string_view>{"x"}));
}

void TestCalibration::builtinDeterministic()
{
    const auto a = buildRowsFromBuiltin(4, 512, 7, wordEncode);
    const auto b = buildRowsFromBuiltin(4, 512, 7, wordEncode);
    const auto c = buildRowsFromBuiltin(4, 512, 8, wordEncode);
    QCOMPARE(a.ids.size(), size_t(4 * 512));
    QVERIFY(a.ids == b.ids);
    QVERIFY(a.ids != c.ids);
    QCOMPARE(a.description, b.description);
}

void TestCalibration::builtinMixAndRepeat()
{
    // The default quantization rows (100 x 2048) fit without repeating and draw on every category.
    const auto rows = buildRowsFromBuiltin(100, 2048, 0, wordEncode);
    QCOMPARE(rows.passes, size_t(1));
    size_t total = 0;
    for (const auto& s : rows.sources) {
        QVERIFY2(s.tokens > 0, s.name.c_str());
        total += s.tokens;
    }
    QCOMPARE(total, size_t(100 * 2048));
    qInfo("%s", rows.description.c_str());
    // More rows than the data holds: a second shuffled pass, reported.
    const auto big = buildRowsFromBuiltin(rows.tokensEncoded / 256 + 2, 256, 0, wordEncode);
    QCOMPARE(big.passes, size_t(2));
    QVERIFY(big.description.find("used 2 times") != std::string::npos);
}

void TestCalibration::sanitize()
{
    std::vector<int32_t> ids = {0, 5, 9, 10, 11, -1, 3};
    QCOMPARE(sanitizeTokenIds(ids, 10), size_t(3));
    QCOMPARE(ids, (std::vector<int32_t>{0, 5, 9, 0, 0, 0, 3}));
    QVERIFY_THROWS_EXCEPTION(Error, sanitizeTokenIds(ids, 0));
}

QTEST_GUILESS_MAIN(TestCalibration)
#include "test_calibration.moc"
