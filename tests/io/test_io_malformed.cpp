// io: a corpus of malformed safetensors files and sharded sets, generated here byte by byte; each must
// fail with an Error naming the file (and tensor) and saying what is wrong.
#include "test_io_cases.h"

#include "io/safetensors.h"
#include "io/safetensors_writer.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <cstring>

using namespace exl2;
namespace fs = std::filesystem;

namespace {

// 8-byte little-endian length (or `lengthOverride`), the header text, then `dataBytes` zero bytes.
std::string fileBytes(const std::string& header, size_t dataBytes, int64_t lengthOverride = -1)
{
    const uint64_t n = lengthOverride >= 0 ? uint64_t(lengthOverride) : header.size();
    std::string out(reinterpret_cast<const char*>(&n), 8);
    return out + header + std::string(dataBytes, '\0');
}

void expectFailure(const fs::path& path, ErrorCode code, const std::string& text, const std::string& mustName)
{
    try {
        (void)SafetensorsReader::open(path);
    } catch (const Error& e) {
        const std::string msg = e.what();
        QVERIFY2(msg.find(text) != std::string::npos, qPrintable(QString::fromStdString("wrong message: " + msg)));
        QVERIFY2(msg.find(mustName) != std::string::npos, qPrintable(QString::fromStdString("does not name " + mustName + ": " + msg)));
        QCOMPARE(e.code(), code);
        return;
    }
    QFAIL(qPrintable(QString::fromStdString("accepted, expected: " + text)));
}

}  // namespace

void TestIo::malformedFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("tensor");  // the tensor the message must name (empty: none)
    auto row = [](const char* tag, const std::string& bytes, const char* error, const char* tensor = "") {
        QTest::newRow(tag) << QByteArray(bytes.data(), qsizetype(bytes.size())) << QString(error) << QString(tensor);
    };
    const std::string ok = R"("w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
    row("empty-file", "", "too short for the 8-byte header length");
    row("three-bytes", "abc", "file is 3 bytes, too short");
    row("length-beyond-file", fileBytes("{}", 0, 4096), "header length 4096 exceeds the file size 10");
    row("length-over-100MB", fileBytes("{}", 0, 200'000'000), "exceeds the 100 MB limit");
    row("not-json", fileBytes("{\"w\":", 0), "header is not valid JSON");
    row("json-array", fileBytes("[1,2,3]", 0), "header must be a JSON object");
    row("metadata-not-object", fileBytes(R"({"__metadata__":[1]})", 0), "\"__metadata__\" must be an object");
    row("metadata-value-number", fileBytes(R"({"__metadata__":{"format":5}})", 0), "entry 'format' must be a string");
    row("entry-not-object", fileBytes(R"({"w":42})", 0), "entry must be an object", "'w'");
    row("missing-dtype", fileBytes(R"({"w":{"shape":[2],"data_offsets":[0,8]}})", 8), "missing \"dtype\" string", "'w'");
    row("unknown-dtype", fileBytes(R"({"w":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}})", 2),
        "unknown dtype \"F8_E4M3\"", "'w'");
    row("missing-shape", fileBytes(R"({"w":{"dtype":"F32","data_offsets":[0,8]}})", 8), "missing \"shape\" array", "'w'");
    row("negative-dim", fileBytes(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8),
        "shape entry -2 is negative", "'w'");
    row("fractional-dim", fileBytes(R"({"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}})", 8),
        "shape entries must be integers", "'w'");
    row("dims-overflow", fileBytes(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})", 8),
        "overflows the element count", "'w'");
    row("bytes-overflow", fileBytes(R"({"w":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,8]}})", 8),
        "overflows the byte size", "'w'");
    row("missing-offsets", fileBytes(R"({"w":{"dtype":"F32","shape":[2]}})", 8),
        "\"data_offsets\" must be two non-negative integers", "'w'");
    row("negative-offset", fileBytes(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}})", 8),
        "\"data_offsets\" must be two non-negative integers", "'w'");
    row("begin-after-end", fileBytes(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", 8),
        "data_offsets begin 8 > end 0", "'w'");
    row("end-beyond-data", fileBytes(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 4),
        "data_offsets end 8 is beyond the data section (4 bytes)", "'w'");
    row("size-vs-shape", fileBytes(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8),
        "data size 8 bytes does not match shape [3] x F32 = 12 bytes", "'w'");
    row("overlap", fileBytes("{" + ok + R"(,"v":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12),
        "overlap tensor 'w'", "'v'");
    row("gap", fileBytes("{" + ok + R"(,"v":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}})", 16),
        "gap in the data section: bytes [8, 12) belong to no tensor", "'v'");
    row("trailing-bytes", fileBytes("{" + ok + "}", 16), "8 trailing bytes after the last tensor");
    row("duplicate-name", fileBytes("{" + ok + "," + ok + "}", 8), "appears more than once in the header", "'w'");
}

void TestIo::malformedFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QFETCH(QString, tensor);
    const auto path = exl2test::scratchDir("io-malformed") / (std::string(QTest::currentDataTag()) + ".safetensors");
    writeFileAtomically(path, std::string_view(bytes.constData(), size_t(bytes.size())));
    expectFailure(path, ErrorCode::Format, error.toStdString(), tensor.isEmpty() ? path.filename().string() : tensor.toStdString());
    expectFailure(path, ErrorCode::Format, error.toStdString(), path.filename().string());
}

// Sets of files: indexes and folders.
void TestIo::malformedSet_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("error");
    QTest::newRow("index-not-json") << "index-not-json" << int(ErrorCode::Format) << "not valid JSON";
    QTest::newRow("index-no-weight-map") << "index-no-map" << int(ErrorCode::Format) << "missing or empty \"weight_map\"";
    QTest::newRow("index-value-not-string") << "index-number" << int(ErrorCode::Format) << "weight_map entry 'a' must be a file name";
    QTest::newRow("index-missing-shard") << "index-missing-file" << int(ErrorCode::Format) << "'a' points at missing file";
    QTest::newRow("index-wrong-shard") << "index-wrong-file" << int(ErrorCode::Format)
                                       << "weight_map says tensor 'b' is in x.safetensors, but that file does not contain it";
    QTest::newRow("duplicate-across-shards") << "duplicate" << int(ErrorCode::Format) << "duplicate across shards";
    QTest::newRow("empty-folder") << "empty" << int(ErrorCode::Model) << "no .safetensors files found";
    QTest::newRow("missing-path") << "missing" << int(ErrorCode::Io) << "no such file or folder";
}

void TestIo::malformedSet()
{
    QFETCH(QString, kind);
    QFETCH(int, code);
    QFETCH(QString, error);
    const auto dir = exl2test::scratchDir("io-malformed-set-" + kind.toStdString());
    const std::vector<float> v{1, 2};
    SafetensorsWriter x, y;
    x.addFloats("a", DType::F32, {2}, v);
    y.addFloats("b", DType::F32, {2}, v);
    x.write(dir / "x.safetensors");
    y.write(dir / "y.safetensors");
    const auto index = dir / "model.safetensors.index.json";
    fs::path open = dir;
    if (kind == "index-not-json")
        writeFileAtomically(index, "{\"weight_map\": ");
    else if (kind == "index-no-map")
        writeFileAtomically(index, R"({"metadata": {}})");
    else if (kind == "index-number")
        writeFileAtomically(index, R"({"weight_map": {"a": 3}})");
    else if (kind == "index-missing-file")
        writeFileAtomically(index, R"({"weight_map": {"a": "gone.safetensors"}})");
    else if (kind == "index-wrong-file")
        writeFileAtomically(index, R"({"weight_map": {"a": "x.safetensors", "b": "x.safetensors"}})");
    else if (kind == "duplicate")
        x.write(dir / "z.safetensors");
    else if (kind == "empty")
        fs::remove(dir / "x.safetensors"), fs::remove(dir / "y.safetensors");
    else if (kind == "missing")
        open = dir / "nothing-here";
    const std::string mustName = kind.startsWith("index") ? "model.safetensors.index.json" : dir.filename().string();
    expectFailure(open, ErrorCode(code), error.toStdString(), mustName);
}
