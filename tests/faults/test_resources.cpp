// Resource limits and numerical faults (issue #10): the job preflight (disk per folder, RAM against MemTotal
// and MemAvailable, declared sizes of an absurd model or dataset refused before anything is read), NaN/Inf
// weights named at load, and the Hessian damping path ending in a clear error.
#include "backend/registry.h"
#include "forward/weight_loader.h"
#include "model/model_check.h"
#include "pipeline/module_runner.h"
#include "pipeline/resource_check.h"
#include "quant/hessian.h"
#include "test_support.h"
#include "util/error.h"

#include <QProcess>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <unistd.h>

using namespace exl2;
namespace fs = std::filesystem;

class TestResources : public QObject {
    Q_OBJECT
private slots:
    void estimateFollowsSettings();
    void diskRefusalNamesFolderAndBytes();
    void ramRefusalAndWarning();
    void environmentOverrides();
    void convertRefusesBeforeWork_data();
    void convertRefusesBeforeWork();
    void nonFiniteWeightsNamed_data();
    void nonFiniteWeightsNamed();
    void hessianDampingThenClearFailure();
    void nanActivationsNamed();
};

namespace {

// A Llama config.json; hidden/inter/layers/vocab as given.
std::string llamaConfig(int64_t hidden, int64_t inter, int64_t layers, int64_t vocab)
{
    nlohmann::json c = {{"architectures", {"LlamaForCausalLM"}}, {"model_type", "llama"}, {"hidden_size", hidden},
                        {"intermediate_size", inter}, {"num_hidden_layers", layers}, {"num_attention_heads", hidden / 128},
                        {"num_key_value_heads", hidden / 128}, {"vocab_size", vocab}, {"max_position_embeddings", 4096},
                        {"rms_norm_eps", 1e-5}, {"rope_theta", 10000.0}, {"tie_word_embeddings", false},
                        {"torch_dtype", "float16"}};
    return c.dump(2);
}

void writeText(const fs::path& file, const std::string& text)
{
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

// A model folder whose config.json declares a large model and whose model.safetensors holds every tensor
// with its declared size, as a sparse file (nothing is written but the header).
void writeDeclaredModel(const fs::path& dir, int64_t hidden, int64_t inter, int64_t layers, int64_t vocab)
{
    writeText(dir / "config.json", llamaConfig(hidden, inter, layers, vocab));
    const ModelConfig config = loadModelConfig(dir);
    nlohmann::ordered_json header;
    uint64_t offset = 0;
    for (const ExpectedTensor& t : expectedTensors(config)) {
        uint64_t bytes = 2;
        for (int64_t d : t.shape)
            bytes *= uint64_t(d);
        header[t.name] = {{"dtype", "F16"}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string json = header.dump();
    json.append((8 - json.size() % 8) % 8, ' ');
    const uint64_t n = json.size();
    std::string file(reinterpret_cast<const char*>(&n), 8);
    file += json;
    writeText(dir / "model.safetensors", file);
    fs::resize_file(dir / "model.safetensors", 8 + n + offset);
    fs::copy_file(exl2test::sharedDir() / "models" / "stories260k" / "tokenizer.json", dir / "tokenizer.json",
                  fs::copy_options::overwrite_existing);
}

uint64_t memTotal()
{
    std::ifstream in("/proc/meminfo");
    std::string key;
    uint64_t kb = 0;
    in >> key >> kb;
    return kb * 1024;
}

QString convertBinary() { return QString::fromStdString((exl2test::binaryDir() / "app" / "exl2-convert").string()); }

}  // namespace

void TestResources::estimateFollowsSettings()
{
    EXL2_REQUIRE_SHARED();
    const fs::path model = exl2test::sharedDir() / "models" / "stories260k";
    const ModelConfig c = loadModelConfig(model);
    JobSettings s;
    s.datasetRows = 4;
    s.measurementRows = 4;
    s.length = 64;
    s.measurementLength = 64;
    const ResourceEstimate small = estimateJobResources(c, model, s);
    QCOMPARE(small.outputBytes, uint64_t(0));  // without -cf the output lies in -o
    s.datasetRows = 400;
    const ResourceEstimate more = estimateJobResources(c, model, s);
    // 396 more rows of 64 x 64 fp32 states, two checkpoints at a time.
    QCOMPARE(more.workBytes - small.workBytes, uint64_t(2 * 396 * 64 * 64 * 4 + 396 * 64 * 4));
    QVERIFY(more.ramBytes > small.ramBytes);
    s.compileFull = "/elsewhere";
    const ResourceEstimate cf = estimateJobResources(c, model, s);
    QVERIFY(cf.outputBytes > 0);
    QCOMPARE(cf.workBytes + cf.outputBytes, more.workBytes);
    QVERIFY(small.mappedBytes == fs::file_size(model / "model.safetensors"));
}

void TestResources::diskRefusalNamesFolderAndBytes()
{
    ResourceEstimate e;
    e.workBytes = 5'000'000;
    e.workParts = {{"hidden-state checkpoints", 5'000'000}};
    e.outputBytes = 3'000'000;
    e.outputParts = {{"compiled model", 3'000'000}};
    SystemResources sys;
    sys.memTotal = sys.memAvailable = uint64_t(1) << 40;
    sys.workFree = 6'000'000;
    sys.outputFree = 6'000'000;
    sys.sameFileSystem = false;
    const auto quiet = [](const std::string&) {};
    checkResourceFit(e, sys, "/w", "/o", quiet);  // fits on two file systems
    sys.sameFileSystem = true;                      // 8 MB on one with 6 free
    try {
        checkResourceFit(e, sys, "/w", "/o", quiet);
        QFAIL("not refused");
    } catch (const Error& err) {
        QCOMPARE(err.code(), ErrorCode::ResourceLimit);
        const QString m = err.what();
        QVERIFY2(m.contains("not enough free disk space in /w and /o (one file system): the job needs about 7.6 MiB, "
                            "5.7 MiB free (estimate: hidden-state checkpoints 4.8 MiB, compiled model 2.9 MiB)"),
                 err.what());
    }
    sys.sameFileSystem = false;
    sys.outputFree = 1'000'000;
    QVERIFY_THROWS_EXCEPTION(Error, checkResourceFit(e, sys, "/w", "/o", quiet));
    try {
        checkResourceFit(e, sys, "/w", "/o", quiet);
    } catch (const Error& err) {
        QVERIFY2(QString(err.what()).contains("/o (output folder, -cf): the job needs about 2.9 MiB, 976.6 KiB free"),
                 err.what());
    }
    // A resumed job already holds part of its files.
    sys.outputFree = 6'000'000;
    sys.workFree = 1'000'000;
    sys.workUsedByJob = 4'500'000;
    checkResourceFit(e, sys, "/w", "/o", quiet);
}

void TestResources::ramRefusalAndWarning()
{
    ResourceEstimate e;
    e.ramBytes = 3ull << 30;
    e.ramParts = {{"calibration hidden states (fp32, in + out)", 3ull << 30}};
    e.mappedBytes = 2ull << 30;
    SystemResources sys;
    sys.workFree = sys.outputFree = uint64_t(1) << 50;
    sys.memTotal = 4ull << 30;
    sys.memAvailable = 4ull << 30;
    std::vector<std::string> log;
    const auto collect = [&](const std::string& l) { log.push_back(l); };
    checkResourceFit(e, sys, "/w", "", collect);  // 5 GiB with the mapped files > 4 available: warning only
    QCOMPARE(log.size(), size_t(1));
    QVERIFY2(QString::fromStdString(log[0]).contains(" !! Warning: the job may need about 5.00 GiB of RAM"), log[0].c_str());
    sys.memTotal = 2ull << 30;
    try {
        checkResourceFit(e, sys, "/w", "", collect);
        QFAIL("not refused");
    } catch (const Error& err) {
        QCOMPARE(err.code(), ErrorCode::ResourceLimit);
        QVERIFY2(QString(err.what()).contains("the job needs about 3.00 GiB of RAM (calibration hidden states (fp32, in "
                                              "+ out) 3.00 GiB), more than the 2.00 GiB this machine has (MemTotal)"),
                 err.what());
    }
}

void TestResources::environmentOverrides()
{
    const fs::path dir = exl2test::scratchDir("resources-env");
    SystemResources real = probeSystemResources(dir / "work", dir / "not-yet" / "full");
    QVERIFY(real.workFree > 0 && real.memTotal > 0 && real.memAvailable <= real.memTotal);
    QVERIFY(real.sameFileSystem);
    qputenv("EXL2_ASSUME_FREE_BYTES", "12345");
    qputenv("EXL2_ASSUME_MEM_BYTES", "67890");
    const SystemResources assumed = probeSystemResources(dir / "work", "");
    QCOMPARE(assumed.workFree, uint64_t(12345));
    QCOMPARE(assumed.memTotal, uint64_t(67890));
    qputenv("EXL2_ASSUME_FREE_BYTES", "lots");
    QVERIFY_THROWS_EXCEPTION(Error, probeSystemResources(dir / "work", ""));
    qunsetenv("EXL2_ASSUME_FREE_BYTES");
    qunsetenv("EXL2_ASSUME_MEM_BYTES");
}

void TestResources::convertRefusesBeforeWork_data()
{
    QTest::addColumn<QString>("model");        // "stories" or "declared" (a 7B Llama declared, sparse file)
    QTest::addColumn<QStringList>("extra");    // more exl2-convert arguments ({dir} = scratch)
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("disk too small for -o") << "stories" << QStringList{} << QStringList{"EXL2_ASSUME_FREE_BYTES=1000"}
                                           << "Error: not enough free disk space in {dir}/work and {dir}/full (one file "
                                              "system): the job needs about";
    QTest::newRow("RAM below the estimate") << "stories" << QStringList{} << QStringList{"EXL2_ASSUME_MEM_BYTES=100000"}
                                            << "of RAM (one layer (or the head) in fp32";
    QTest::newRow("declared 7B model, 4 GiB disk")
        << "declared" << QStringList{} << QStringList{"EXL2_ASSUME_FREE_BYTES=4294967296"}
        << "free (estimate: hidden-state checkpoints 6.25 GiB";
    QTest::newRow("declared 7B model, 6 GiB RAM")
        << "declared" << QStringList{} << QStringList{"EXL2_ASSUME_MEM_BYTES=6442450944", "EXL2_ASSUME_FREE_BYTES=1000000000000000"}
        << "of RAM (one layer (or the head) in fp32 772.1 MiB, calibration hidden states (fp32, in + out) 6.25 GiB)";
    QTest::newRow("dataset larger than RAM") << "stories" << QStringList{"-c", "{dir}/huge.txt"} << QStringList{}
                                             << "this machine has (MemTotal); use a smaller calibration file (-c)";
}

void TestResources::convertRefusesBeforeWork()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(QString, model);
    QFETCH(QStringList, extra);
    QFETCH(QStringList, env);
    QFETCH(QString, phrase);
    QVERIFY2(QFileInfo(convertBinary()).isExecutable(), "exl2-convert is not built");
    const fs::path dir = exl2test::scratchDir(std::string("resources/") + QTest::currentDataTag());
    const QString d = QString::fromStdString(dir.string());
    fs::path modelDir = exl2test::sharedDir() / "models" / "stories260k";
    if (model == "declared") {
        modelDir = dir / "model";
        writeDeclaredModel(modelDir, 4096, 11008, 32, 32000);
    }
    writeText(dir / "huge.txt", "Once upon a time.\n");
    fs::resize_file(dir / "huge.txt", memTotal());  // sparse: three copies would not fit in RAM
    QStringList args{"-i", QString::fromStdString(modelDir.string()), "-o", d + "/work", "-cf", d + "/full",
                     "-r", "100", "-l", "2048", "-mr", "16", "-ml", "2048", "--device", "cpu"};
    for (const QString& a : extra)
        args << QString(a).replace("{dir}", d);
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : env)
        e.insert(kv.section('=', 0, 0), kv.section('=', 1));
    p.setProcessEnvironment(e);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(convertBinary(), args);
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAll());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 1, qPrintable(out));
    QVERIFY2(out.contains(QString(phrase).replace("{dir}", d)), qPrintable(out));
    QCOMPARE(out.count(" ## "), 1);
    QVERIFY2(!out.contains("Tokenizing"), "work started before the refusal");
    QVERIFY(!fs::exists(dir / "full"));
    fs::remove(dir / "huge.txt");
    if (model == "declared")
        fs::remove_all(modelDir);
}

void TestResources::nonFiniteWeightsNamed_data()
{
    QTest::addColumn<float>("value");
    QTest::addColumn<bool>("keepFp32");
    QTest::addColumn<QString>("phrase");
    const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
    QTest::newRow("NaN") << nan << false
                         << "tensor model.layers.1.self_attn.q_proj.weight (layer 1) holds NaN at row 2, column 5 and 1 more "
                            "(non-finite weights; the checkpoint is damaged)";
    QTest::newRow("-Inf") << -inf << true << "(layer 1) holds Inf at row 2, column 5";
    QTest::newRow("beyond fp16") << 1e6f << false
                                 << "(layer 1) has a value beyond the F16 range (+-65504) at row 2, column 5";
}

void TestResources::nonFiniteWeightsNamed()
{
    QFETCH(float, value);
    QFETCH(bool, keepFp32);
    QFETCH(QString, phrase);
    ModelConfig c = parseModelConfig(llamaConfig(256, 512, 2, 64), "/m");
    TensorSource src;
    src.contains = [](const std::string& name) { return name.ends_with(".weight"); };
    src.load = [&](const std::string& name, std::vector<int64_t>& shape) {
        shape = {256, 256};
        std::vector<float> v(256 * 256, 0.01f);
        if (name == "model.layers.1.self_attn.q_proj.weight") {
            v[2 * 256 + 5] = value;
            v[9 * 256 + 1] = value;
        }
        return v;
    };
    WeightLoader loader(c, src, keepFp32);
    loader.linear("model.layers.0.self_attn.q_proj", 256, 256);  // clean tensors load
    try {
        loader.linear("model.layers.1.self_attn.q_proj", 256, 256);
        QFAIL("not detected");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Numerical);
        QVERIFY2(QString(e.what()).contains(phrase) && QString(e.what()).contains(" and 1 more"), e.what());
    }
}

void TestResources::hessianDampingThenClearFailure()
{
    auto backend = BackendRegistry::create("cpu");
    const int64_t k = 8;
    std::vector<std::string> log;
    const auto collect = [&](const std::string& l) { log.push_back(l); };
    // Singular but positive semi-definite (all zero): the first damping makes it invertible.
    PreparedHessian ok = prepareHessian(*backend, std::vector<float>(k * k, 0.0f), k, "zero", collect);
    QVERIFY(ok.hasFactor);
    QCOMPARE(ok.dampingAttempts, 1);
    // One negative diagonal entry: damping is added again until the matrix turns positive definite.
    std::vector<float> h(k * k, 0.0f);
    for (int64_t i = 0; i < k; ++i)
        h[i * k + i] = i == 3 ? -0.25f : 1.0f;
    log.clear();
    PreparedHessian retried = prepareHessian(*backend, h, k, "negative", collect);
    QVERIFY(retried.hasFactor);
    QVERIFY2(retried.dampingAttempts == 3, qPrintable(QString::number(retried.dampingAttempts)));
    QCOMPARE(log.size(), size_t(2));  // 0.12 x mean(diag) = 0.101 per attempt: three make -0.25 positive
    QCOMPARE(QString::fromStdString(log[0]), QString("negative: Applied additional damping"));
    // Negative definite and NaN-poisoned: every attempt fails, then one Numerical error names the layer.
    for (float bad : {-1.0f, std::numeric_limits<float>::quiet_NaN()}) {
        std::vector<float> m(k * k, 0.0f);
        for (int64_t i = 0; i < k; ++i)
            m[i * k + i] = bad;
        log.clear();
        try {
            prepareHessian(*backend, m, k, "model.layers.0.mlp.down_proj", collect);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::Numerical);
            QVERIFY2(QString(e.what()).startsWith("model.layers.0.mlp.down_proj: Hessian is not invertible"), e.what());
        }
        QVERIFY(log.size() >= 9);
    }
}

// The module runner's check (core/pipeline): a NaN entering a module is named by module, row and token.
void TestResources::nanActivationsNamed()
{
    const ModelConfig c = parseModelConfig(llamaConfig(256, 512, 1, 64), "/m");
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const ExpectedTensor& t : expectedTensors(c))
        shapes[t.name] = t.shape;
    TensorSource src;
    src.contains = [&](const std::string& name) { return shapes.count(name) > 0; };
    src.load = [&](const std::string& name, std::vector<int64_t>& shape) {
        shape = shapes.at(name);
        int64_t n = 1;
        for (int64_t d : shape)
            n *= d;
        return std::vector<float>(size_t(n), shape.size() == 1 ? 1.0f : 0.01f);
    };
    TransformerModel model = TransformerModel::load(c, src);
    auto backend = BackendRegistry::create("cpu");
    const ModuleRef mlp = model.modules().at(2);
    QCOMPARE(QString::fromStdString(mlp.key), QString("model.layers.0.mlp"));
    HiddenStates states(2, 4, 256);
    std::fill(states.data.begin(), states.data.end(), 0.1f);
    HiddenStates clean = states;
    forwardRows(model, *backend, mlp, clean);  // finite input, finite output
    states.data[size_t((1 * 4 + 2) * 256 + 3)] = std::numeric_limits<float>::quiet_NaN();
    try {
        forwardRows(model, *backend, mlp, states);
        QFAIL("NaN activations not detected");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Numerical);
        QVERIFY2(QString(e.what()).startsWith("model.layers.0.mlp: output of calibration row 1 is NaN at token 2"),
                 e.what());
    }
}

QTEST_GUILESS_MAIN(TestResources)
#include "test_resources.moc"
