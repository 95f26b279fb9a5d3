// io: the safetensors reader on the real stories260k files, the writer (layout, determinism, shards)
// and reader/writer round trips. Malformed inputs are in test_io_malformed.cpp.
#include "test_io_cases.h"

#include "io/safetensors.h"
#include "io/safetensors_writer.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/half.h"

#include <cstring>

using namespace exl2;
namespace fs = std::filesystem;

void TestIo::readsRealModelF32()
{
    EXL2_REQUIRE_SHARED();
    const auto reader = SafetensorsReader::open(exl2test::sharedDir() / "models/stories260k/model.safetensors");
    QCOMPARE(reader.names().size(), size_t(48));
    QCOMPARE(reader.metadata().at("format"), std::string("pt"));
    const auto& emb = reader.info("model.embed_tokens.weight");
    QCOMPARE(emb.dtype, DType::F32);
    QCOMPARE(emb.shape, (std::vector<int64_t>{512, 64}));
    QCOMPARE(reader.info("model.layers.2.mlp.down_proj.weight").shape, (std::vector<int64_t>{64, 172}));
    QCOMPARE(reader.info("model.layers.4.self_attn.k_proj.weight").shape, (std::vector<int64_t>{32, 64}));
    // lm_head is an exact copy of the embedding in this fixture.
    const auto a = reader.raw("model.embed_tokens.weight");
    const auto b = reader.raw("lm_head.weight");
    QCOMPARE(a.size(), size_t(512 * 64 * 4));
    QVERIFY(std::memcmp(a.data(), b.data(), a.size()) == 0);
    const auto norm = reader.toFloat("model.norm.weight");
    QCOMPARE(norm.size(), size_t(64));
    float sum = 0;
    for (float v : norm)
        sum += std::fabs(v);
    QVERIFY(sum > 1.0f);  // trained norm weights, not zeros
    QCOMPARE(reader.totalFileBytes(), uint64_t(1176152));
    try {
        (void)reader.info("model.layers.9.mlp.up_proj.weight");
        QFAIL("missing tensor accepted");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Model);
        QVERIFY(std::string(e.what()).find("'model.layers.9.mlp.up_proj.weight' not found") != std::string::npos);
    }
}

void TestIo::f16ModelEqualsRoundedF32()
{
    EXL2_REQUIRE_SHARED();
    const auto f32 = SafetensorsReader::open(exl2test::sharedDir() / "models/stories260k");
    const auto f16 = SafetensorsReader::open(exl2test::sharedDir() / "models/stories260k-f16");
    QCOMPARE(f16.names(), f32.names());
    for (const auto& name : f32.names()) {
        QCOMPARE(f16.info(name).dtype, DType::F16);
        QCOMPARE(f16.info(name).shape, f32.info(name).shape);
        const auto x = f32.toFloat(name);
        const auto h = f16.toFloat(name);
        QCOMPARE(h.size(), x.size());
        for (size_t i = 0; i < x.size(); ++i)
            if (roundToHalf(x[i]) != h[i])
                QFAIL(qPrintable(QString("%1[%2]: f16 %3 != round(f32 %4)").arg(name.c_str()).arg(i).arg(h[i]).arg(x[i])));
    }
}

void TestIo::opensFileFolderAndIndex()
{
    const auto dir = exl2test::scratchDir("io-open");
    SafetensorsWriter w;
    const std::vector<float> v{1, 2, 3, 4, 5, 6};
    w.addFloats("a", DType::F32, {2, 3}, v);
    w.addFloats("b", DType::F16, {6}, v);
    w.writeSharded(dir, 24, "model");  // a alone fills one shard
    QVERIFY(fs::exists(dir / "model.safetensors.index.json"));
    for (const fs::path& p : {dir, dir / "model.safetensors.index.json"}) {
        const auto r = SafetensorsReader::open(p);
        QCOMPARE(r.names(), (std::vector<std::string>{"a", "b"}));
        QCOMPARE(r.files().size(), size_t(2));
        QCOMPARE(r.toFloat("b"), v);
    }
    const auto single = SafetensorsReader::open(dir / "model-00001-of-00002.safetensors");
    QCOMPARE(single.names(), std::vector<std::string>{"a"});
}

void TestIo::convertsEveryDtype()
{
    const auto dir = exl2test::scratchDir("io-dtypes");
    SafetensorsWriter w;
    const int8_t i8[] = {-128, -1, 0, 127};
    const uint8_t u8[] = {0, 1, 200, 255};
    const int16_t i16[] = {-32768, -2, 3, 32767};
    const int32_t i32[] = {-2000000000, -5, 7, 2000000000};
    const int64_t i64[] = {-(int64_t(1) << 40), -9, 11, int64_t(1) << 40};
    const float f[] = {0.1f, -2.5f, 1e-3f, 65504.0f};
    auto bytes = [](const auto& arr) { return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(arr), sizeof arr); };
    w.add("i8", DType::I8, {4}, bytes(i8));
    w.add("u8", DType::U8, {2, 2}, bytes(u8));
    w.add("i16", DType::I16, {4}, bytes(i16));
    w.add("i32", DType::I32, {4}, bytes(i32));
    w.add("i64", DType::I64, {4}, bytes(i64));
    w.addFloats("f32", DType::F32, {4}, f);
    w.addFloats("f16", DType::F16, {4}, f);
    w.addFloats("bf16", DType::BF16, {4}, f);
    w.write(dir / "t.safetensors");
    const auto r = SafetensorsReader::open(dir / "t.safetensors");
    QCOMPARE(r.toFloat("i8"), (std::vector<float>{-128, -1, 0, 127}));
    QCOMPARE(r.toFloat("u8"), (std::vector<float>{0, 1, 200, 255}));
    QCOMPARE(r.toFloat("i16"), (std::vector<float>{-32768, -2, 3, 32767}));
    QCOMPARE(r.toFloat("i32"), (std::vector<float>{-2000000000.0f, -5, 7, 2000000000.0f}));
    QCOMPARE(r.toFloat("i64"), (std::vector<float>{-1099511627776.0f, -9, 11, 1099511627776.0f}));
    QCOMPARE(r.toFloat("f32"), (std::vector<float>{0.1f, -2.5f, 1e-3f, 65504.0f}));
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(r.toFloat("f16")[size_t(i)], roundToHalf(f[i]));
        QCOMPARE(r.toFloat("bf16")[size_t(i)], bf16ToFloat(floatToBf16(f[i])));
    }
    QVERIFY(r.toFloat("bf16")[0] != 0.1f);  // bf16 really lost precision
    QCOMPARE(r.raw("i16").size(), size_t(8));
}

void TestIo::writerLayoutIsPaddedSortedAndDeterministic()
{
    const auto dir = exl2test::scratchDir("io-layout");
    auto make = [](bool reverse) {
        SafetensorsWriter w;
        const std::vector<float> three{1, 2, 3};
        std::vector<std::string> names{"zeta", "alpha", "mid"};
        if (reverse)
            std::reverse(names.begin(), names.end());
        for (const auto& n : names)
            w.addFloats(n, n == "mid" ? DType::F32 : DType::F16, {3}, three);
        return w;
    };
    make(false).write(dir / "a.safetensors");
    make(true).write(dir / "b.safetensors");
    const std::string a = readFile(dir / "a.safetensors");
    QCOMPARE(a, readFile(dir / "b.safetensors"));  // insertion order does not matter
    uint64_t n = 0;
    std::memcpy(&n, a.data(), 8);
    QCOMPARE(n % 8, uint64_t(0));
    const std::string header = a.substr(8, size_t(n));
    // metadata first, then F32 before F16 (widest first keeps every tensor aligned), then names.
    QCOMPARE(QString::fromStdString(header).trimmed(),
             QString(R"({"__metadata__":{"format":"pt"},"mid":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},)"
                     R"("alpha":{"dtype":"F16","shape":[3],"data_offsets":[12,18]},)"
                     R"("zeta":{"dtype":"F16","shape":[3],"data_offsets":[18,24]}})"));
    QCOMPARE(a.size(), size_t(8 + n + 24));
    for (const auto& e : fs::directory_iterator(dir))
        QVERIFY2(e.path().extension() == ".safetensors", "temporary file left behind");
}

void TestIo::writerRejectsBadTensors()
{
    SafetensorsWriter w;
    const std::vector<float> v{1, 2};
    w.addFloats("x", DType::F32, {2}, v);
    auto expectError = [](const std::function<void()>& f, const char* text) {
        try {
            f();
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(text) != std::string::npos, e.what());
            return;
        }
        QFAIL(text);
    };
    expectError([&] { w.addFloats("x", DType::F32, {2}, v); }, "'x' added twice");
    expectError([&] { w.addFloats("y", DType::F32, {3}, v); }, "expected 12 for shape [3] F32");
    expectError([&] { w.addFloats("z", DType::I8, {2}, v); }, "as F32, F16 or BF16, not I8");
    expectError([&] { w.addFloats("__metadata__", DType::F32, {2}, v); }, "reserved");
}

// tests/data/io/reference_layout.safetensors was written by the reference `safetensors` library
// (scripts/make_safetensors_reference.py); with no metadata our writer must reproduce it byte for byte.
void TestIo::writerMatchesReferenceSerializer()
{
    const auto reference = exl2test::testDataDir() / "io/reference_layout.safetensors";
    const auto src = SafetensorsReader::open(reference);
    QCOMPARE(src.names().size(), size_t(7));
    QCOMPARE(src.toFloat("c.q_weight"), (std::vector<float>{0, -3, -6}));
    QCOMPARE(src.toFloat("d.q_scale_max"), (std::vector<float>{0.5f, 1.25f, -2.0f}));
    QCOMPARE(src.toFloat("f.count"), (std::vector<float>{-1, 0, 1}));
    QVERIFY(src.metadata().empty());
    SafetensorsWriter w;
    w.setMetadata({});
    auto names = src.names();
    std::reverse(names.begin(), names.end());
    for (const auto& name : names)
        w.add(name, src.info(name).dtype, src.info(name).shape, src.raw(name));
    const auto out = exl2test::scratchDir("io-reference") / "ours.safetensors";
    w.write(out);
    QVERIFY(readFile(out) == readFile(reference));
}

void TestIo::shardedRoundTrip_data()
{
    QTest::addColumn<qulonglong>("limit");
    QTest::addColumn<bool>("index");
    QTest::addColumn<int>("shards");
    QTest::newRow("one-file") << qulonglong(10'000'000) << true << 1;
    QTest::newRow("300k-index") << qulonglong(300'000) << true << 5;
    QTest::newRow("300k-no-index") << qulonglong(300'000) << false << 5;
    QTest::newRow("tiny-limit-one-tensor-each") << qulonglong(1) << true << 48;
}

void TestIo::shardedRoundTrip()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(qulonglong, limit);
    QFETCH(bool, index);
    QFETCH(int, shards);
    const auto src = SafetensorsReader::open(exl2test::sharedDir() / "models/stories260k");
    SafetensorsWriter w;
    for (const auto& name : src.names())
        w.addView(name, src.info(name).dtype, src.info(name).shape, src.raw(name));
    const auto dir = exl2test::scratchDir(std::string("io-shards-") + QTest::currentDataTag());
    const auto written = w.writeSharded(dir, limit, "model", index);
    QCOMPARE(int(written.size()), shards + (index && shards > 1 ? 1 : 0));
    for (const auto& p : written)
        QVERIFY(fs::exists(p));
    const auto back = SafetensorsReader::open(dir);
    QCOMPARE(int(back.files().size()), shards);
    QCOMPARE(back.names(), src.names());
    for (const auto& name : src.names()) {
        const auto a = src.raw(name), b = back.raw(name);
        QVERIFY(a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0);
        if (limit > 1'000)
            QVERIFY(fs::file_size(back.info(name).file) <= limit + 8192);  // data within limit, plus header
    }
}

QTEST_GUILESS_MAIN(TestIo)

