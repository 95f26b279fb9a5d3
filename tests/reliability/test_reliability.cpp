// The reliability catalogue: bad inputs of every kind a user can hand the tools, each run through a public
// entry point (the exl2-tool / exl2-convert binaries). Every case must end in a clean exit (code 1 or 2,
// never a signal) with one message holding the case's key phrase. docs/reliability.md lists the same table.
#include "bad_model.h"
#include "test_support.h"

#include <QProcess>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cstring>
#include <functional>
#include <limits>
#include <unistd.h>

namespace fs = std::filesystem;
using exl2test::StTensor;

// Writes the case's inputs into its scratch folder.
using Setup = std::function<void(const fs::path& dir)>;
Q_DECLARE_METATYPE(Setup)

namespace {

fs::path stories() { return exl2test::sharedDir() / "models" / "stories260k"; }

std::string configWith(const std::function<void(nlohmann::ordered_json&)>& edit)
{
    auto j = nlohmann::ordered_json::parse(exl2test::readBytes(stories() / "config.json"));
    edit(j);
    return j.dump(2);
}

// A stories260k copy in dir/model with its config.json replaced.
Setup modelWithConfig(std::string config)
{
    return [config](const fs::path& dir) {
        exl2test::writeStoriesModel(dir / "model");
        exl2test::writeBytes(dir / "model" / "config.json", config);
    };
}

Setup modelWithTensors(std::function<void(std::vector<StTensor>&)> mutate)
{
    return [mutate](const fs::path& dir) { exl2test::writeStoriesModel(dir / "model", mutate); };
}

// A stories260k copy whose model.safetensors bytes are rewritten by `edit`.
Setup modelWithFileBytes(std::function<void(std::string&)> edit)
{
    return [edit](const fs::path& dir) {
        exl2test::writeStoriesModel(dir / "model");
        std::string bytes = exl2test::readBytes(dir / "model" / "model.safetensors");
        edit(bytes);
        exl2test::writeBytes(dir / "model" / "model.safetensors", bytes);
    };
}

Setup modelAndFile(std::string name, std::string bytes)
{
    return [name, bytes](const fs::path& dir) {
        exl2test::writeStoriesModel(dir / "model");
        exl2test::writeBytes(dir / name, bytes);
    };
}

Setup justFile(std::string name, std::string bytes)
{
    return [name, bytes](const fs::path& dir) { exl2test::writeBytes(dir / name, bytes); };
}

StTensor& tensor(std::vector<StTensor>& ts, const std::string& name)
{
    for (auto& t : ts)
        if (t.name == name)
            return t;
    throw std::runtime_error("test setup: no tensor " + name);
}

std::string headerLength(uint64_t n)
{
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i)
        s[size_t(i)] = char((n >> (8 * i)) & 0xff);
    return s;
}

const std::string kValidJob = R"({"in_dir": "model", "out_dir": "out", "cal_dataset": null, "bits": 4.125,
 "dataset_rows": 100, "measurement_rows": 16, "length": 2048, "measurement_length": 2048, "head_bits": 6,
 "shard_size": 8192, "compile_full": null, "rope_scale": null, "rope_alpha": null, "output_measurement": null,
 "progress": "begin"})";

}  // namespace

class TestReliability : public QObject {
    Q_OBJECT

private slots:
    void catalogue_data();
    void catalogue();
};

void TestReliability::catalogue_data()
{
    QTest::addColumn<QString>("program");    // exl2-tool or exl2-convert
    QTest::addColumn<QStringList>("args");   // {dir} is the case's scratch folder
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("phrases");  // each must appear in stdout+stderr
    QTest::addColumn<QString>("knownOpen");    // why the case fails today (QEXPECT_FAIL), "" when it passes

    const QString tool = "exl2-tool", convert = "exl2-convert";
    const QStringList inspect{"inspect", "{dir}/model"};
    auto row = [](const char* name, QString program, QStringList args, Setup setup, int code, QStringList phrases,
                  QString knownOpen = {}) {
        QTest::newRow(name) << program << args << setup << code << phrases << knownOpen;
    };
    const Setup goodModel = [](const fs::path& dir) { exl2test::writeStoriesModel(dir / "model"); };
    const Setup nothing = [](const fs::path&) {};

    // Model folder: config.json.
    row("missing model folder", tool, {"inspect", "{dir}/no-such-model"}, nothing, 1,
        {"config.json: not found (expected a Hugging Face model folder)"});
    row("config.json bad JSON", tool, inspect, modelWithConfig("{\"architectures\": [\"LlamaForCausalLM\",}"), 1,
        {"config.json: not valid JSON"});
    row("config.json not an object", tool, inspect, modelWithConfig("[1, 2]"), 1, {"config.json: must be a JSON object"});
    row("unsupported architecture", tool, inspect,
        modelWithConfig(configWith([](auto& j) { j["architectures"] = {"GPT2LMHeadModel"}; })), 1,
        {"architecture \"GPT2LMHeadModel\" is not supported; supported architectures:", "LlamaForCausalLM"});
    row("config.json missing hidden_size", tool, inspect,
        modelWithConfig(configWith([](auto& j) { j.erase("hidden_size"); })), 1,
        {"field \"hidden_size\" is missing (expected a positive integer)"});
    row("config.json hidden_size is a string", tool, inspect,
        modelWithConfig(configWith([](auto& j) { j["hidden_size"] = "64"; })), 1,
        {"field \"hidden_size\" must be an integer, found \"64\""});
    row("config.json negative layer count", tool, inspect,
        modelWithConfig(configWith([](auto& j) { j["num_hidden_layers"] = -5; })), 1,
        {"field \"num_hidden_layers\" must be a positive integer, found -5"});
    // Found by fuzz_config: a million layers made the loader build a million layers' tensor names first.
    row("config.json absurd layer count", tool, inspect,
        modelWithConfig(configWith([](auto& j) { j["num_hidden_layers"] = 1000000.0; })), 1,
        {"field \"num_hidden_layers\" (1000000) is beyond any real model (expected at most 1024)"});

    // Model folder: safetensors.
    row("no safetensors files", tool, inspect,
        [](const fs::path& dir) {
            exl2test::writeStoriesModel(dir / "model");
            fs::remove(dir / "model" / "model.safetensors");
        },
        1, {"no .safetensors files found in this folder"});
    row("truncated safetensors", tool, inspect, modelWithFileBytes([](std::string& b) { b.resize(b.size() * 6 / 10); }), 1,
        {"model.safetensors: tensor '", "is beyond the data section"});
    row("safetensors header only", tool, inspect,
        modelWithFileBytes([](std::string& b) {
            uint64_t n = 0;
            for (int i = 7; i >= 0; --i)
                n = (n << 8) | uint8_t(b[size_t(i)]);
            b.resize(8 + n);
        }),
        1, {"is beyond the data section"});
    row("empty safetensors file", tool, inspect, modelWithFileBytes([](std::string& b) { b.clear(); }), 1,
        {"model.safetensors: file is 0 bytes"});
    row("safetensors header length huge", tool, inspect,
        modelWithFileBytes([](std::string& b) { b.replace(0, 8, headerLength(uint64_t(1) << 40)); }), 1,
        {"exceeds the 100 MB limit (corrupt file?)"});
    row("safetensors header length past end", tool, inspect,
        modelWithFileBytes([](std::string& b) { b.replace(0, 8, headerLength(b.size() + 100)); }), 1,
        {"exceeds the file size"});
    row("safetensors header not JSON", tool, inspect,
        modelWithFileBytes([](std::string& b) { b[8] = '#'; }), 1, {"model.safetensors: header is not valid JSON"});
    row("safetensors unknown dtype", tool, inspect,
        modelWithTensors([](auto& ts) { tensor(ts, "model.norm.weight").dtype = "Q4"; }), 1,
        {"tensor 'model.norm.weight': unknown dtype \"Q4\""});
    row("safetensors data size does not match shape", tool, inspect,
        modelWithTensors([](auto& ts) { tensor(ts, "model.norm.weight").shape = {65}; }), 1,
        {"tensor 'model.norm.weight': data size 256 bytes does not match shape"});
    row("wrong dtype for a weight", tool, inspect,
        modelWithTensors([](auto& ts) { tensor(ts, "model.layers.0.self_attn.q_proj.weight").dtype = "I32"; }), 1,
        {"tensor 'model.layers.0.self_attn.q_proj.weight' has dtype I32, expected F32, F16 or BF16"});
    row("shape mismatch", tool, inspect,
        modelWithTensors([](auto& ts) { tensor(ts, "model.layers.1.mlp.down_proj.weight").shape = {172, 64}; }), 1,
        {"does not match", "tensor 'model.layers.1.mlp.down_proj.weight' has shape [172, 64], expected [64, 172]"});
    row("missing tensor", tool, inspect,
        modelWithTensors([](auto& ts) {
            std::erase_if(ts, [](const StTensor& t) { return t.name == "model.layers.2.self_attn.k_proj.weight"; });
        }),
        1, {"missing tensor 'model.layers.2.self_attn.k_proj.weight' (expected shape [32, 64])"});

    // Tokenizer.
    row("tokenizer.json missing", tool, {"tokenize", "{dir}/model", "-t", "hello"},
        [](const fs::path& dir) {
            exl2test::writeStoriesModel(dir / "model");
            fs::remove(dir / "model" / "tokenizer.json");
        },
        1, {"tokenizer.json: file not found (expected a tokenizer JSON file)"});
    row("tokenizer.json bad JSON", tool, {"tokenize", "{dir}/model", "-t", "hello"},
        modelAndFile("model/tokenizer.json", "{\"model\": "), 1, {"tokenizer.json: not valid JSON"});
    // Found by fuzz_tokenizer: a number too large for a double escaped as a JSON library exception.
    row("tokenizer.json number overflow", tool, {"tokenize", "{dir}/model", "-t", "hello"},
        modelAndFile("model/tokenizer.json", R"({"model": {"type": "BPE", "dropout": 1e999}})"), 1,
        {"tokenizer.json: not valid JSON", "number overflow"});
    // Found by fuzz_tokenizer: a template naming a token absent from added_tokens put ids past the vocabulary.
    row("tokenizer.json post-processor id outside vocabulary", tool, {"tokenize", "{dir}/model", "-t", "hello"},
        modelAndFile("model/tokenizer.json",
                     R"({"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]},
                         "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                           "special_tokens": {"<s>": {"id": "<s>", "ids": [50258], "tokens": ["<s>"]}}}})"),
        1, {"post_processor", "special token ids inside the vocabulary (0..2), found id 50258"});
    row("tokenizer.json unsupported model", tool, {"tokenize", "{dir}/model", "-t", "hello"},
        modelAndFile("model/tokenizer.json", R"({"model": {"type": "Unigram", "vocab": []}})"), 1,
        {"model type 'Unigram'"});
    row("non-UTF-8 text to tokenize", tool, {"tokenize", "{dir}/model", "-f", "{dir}/latin1.txt"},
        modelAndFile("latin1.txt", "caf\xe9 au lait"), 1, {"invalid UTF-8 at byte offset 3"});

    // Calibration data.
    row("bad parquet", tool, {"calib", "{dir}/model", "-c", "{dir}/data.parquet", "-r", "2", "-l", "16"},
        modelAndFile("data.parquet", "PAR1 this is not a parquet file PAR1"), 1,
        {"data.parquet: footer length 543517801 does not fit in a file of 36 bytes"});
    row("truncated parquet", tool, {"calib", "{dir}/model", "-c", "{dir}/cut.parquet", "-r", "2", "-l", "16"},
        [](const fs::path& dir) {
            exl2test::writeStoriesModel(dir / "model");
            const auto bytes = exl2test::readBytes(exl2test::testDataDir() / "calibration" / "gzip_plain_v1.parquet");
            exl2test::writeBytes(dir / "cut.parquet", bytes.substr(0, bytes.size() / 2));
        },
        1, {"cut.parquet"});
    row("empty jsonl dataset", tool, {"calib", "{dir}/model", "-c", "{dir}/empty.jsonl", "-r", "2", "-l", "16"},
        modelAndFile("empty.jsonl", ""), 1, {"empty.jsonl: not enough calibration text: 0 texts give 0 tokens"});
    row("jsonl line not JSON", tool, {"calib", "{dir}/model", "-c", "{dir}/bad.jsonl", "-r", "2", "-l", "16"},
        modelAndFile("bad.jsonl", "{\"text\": \"fine\"}\n{\"text\": oops}\n"), 1, {"bad.jsonl: line 2: not valid JSON"});
    row("jsonl missing field", tool, {"calib", "{dir}/model", "-c", "{dir}/bad.jsonl", "-r", "2", "-l", "16"},
        modelAndFile("bad.jsonl", "{\"content\": \"no text field\"}\n"), 1, {"no field 'text' (fields: content)"});
    row("non-UTF-8 dataset", tool, {"calib", "{dir}/model", "-c", "{dir}/latin1.txt", "-r", "2", "-l", "16"},
        modelAndFile("latin1.txt", "Once upon a time, a caf\xe9.\n\nThe end.\n"), 1,
        {"latin1.txt: text is not valid UTF-8 at byte offset 23 (byte 0xe9)"});
    row("unsupported dataset extension", tool, {"calib", "{dir}/model", "-c", "{dir}/data.csv", "-r", "2", "-l", "16"},
        modelAndFile("data.csv", "text\nhello\n"), 1, {"unsupported calibration file extension '.csv'"});

    // Measurement files.
    row("measurement.json bad JSON", tool, {"optimize", "{dir}/measurement.json", "-b", "4"},
        justFile("measurement.json", "{\"measurement\": {"), 1, {"measurement.json: not valid JSON (byte 18)"});
    row("measurement.json wrong schema", tool, {"optimize", "{dir}/measurement.json", "-b", "4"},
        justFile("measurement.json", "{\"measurement\": 5, \"last_module_idx\": 0}"), 1,
        {"measurement.json: measurement: expected an object of per-module option records"});

    // exl2-convert settings (checked before any work: exit code 2).
    const QStringList io{"-i", "{dir}/model", "-o", "{dir}/out"};
    row("head bits 7", convert, io + QStringList{"-hb", "7"}, goodModel, 2,
        {"Error: 7 is not a supported option for head layer bitrate"});
    row("bits out of range warns", convert, io + QStringList{"-b", "9", "-r", "0"}, goodModel, 2,
        {"!! Warning: target bitrate 9.0 will likely not be attainable", "must be at least 1"});
    row("bits not finite", convert, io + QStringList{"-b", "nan"}, goodModel, 2, {"option --bits: 'nan' is not a number"});
    row("conflicting -om and -cf", convert, io + QStringList{"-om", "{dir}/m.json", "-cf", "{dir}/full"}, goodModel, 2,
        {"Conflicting options: --output_measurement and --compile_full"});
    row("no output folder", convert, {"-i", "{dir}/model"}, goodModel, 2,
        {"Please specify output/working directory (-o, --out_dir)"});
    row("no input folder", convert, {"-o", "{dir}/out"}, nothing, 2, {"Please specify input model directory (-i, --in_dir)"});
    row("unknown device", convert, io + QStringList{"--device", "tpu"}, goodModel, 2,
        {"--device tpu is not one of cpu, cuda, cuda:N, auto"});
    row("missing calibration file", convert, io + QStringList{"-c", "{dir}/none.parquet"}, goodModel, 2,
        {"(-c) does not exist"});
    row("missing measurement file", convert, io + QStringList{"-m", "{dir}/none.json"}, goodModel, 2,
        {"(-m) does not exist"});
    row("bits not a number", convert, io + QStringList{"-b", "four"}, goodModel, 2,
        {"option --bits: 'four' is not a number"});
    row("unknown option", convert, io + QStringList{"--bitz", "4"}, goodModel, 2, {"unknown option '--bitz'"});
    row("unknown tool command", tool, {"frobnicate"}, nothing, 2, {"unknown command 'frobnicate'"});
    row("convert missing model folder", convert, {"-i", "{dir}/no-such-model", "-o", "{dir}/out"}, nothing, 1,
        {"not found (expected a Hugging Face model folder)"});
    row("output path is a file", convert, {"-i", "{dir}/model", "-o", "{dir}/file/out"},
        modelAndFile("file", "not a folder"), 1, {"file/out"});
    row("corrupt job.json on resume", convert, io, modelAndFile("out/job.json", "{\"in_dir\": "), 1,
        {"job.json: not valid JSON"});
    row("job.json bad field on resume", convert, io,
        modelAndFile("out/job.json", std::string(kValidJob).replace(kValidJob.find("\"begin\""), 7, "\"halfway\"")), 1,
        {"job.json: field \"progress\" is \"halfway\", expected one of begin"});
    // Found by fuzz_job, fixed in core/pipeline: an integer field holding 1e31 and unchecked resumed settings.
    // The job is marked finished so that, were the checks lost, the run would end at once instead of converting.
    const std::string finishedJob = std::string(kValidJob).replace(kValidJob.find("\"begin\""), 7, "\"finished\"");
    row("job.json integer out of range on resume", convert, io,
        modelAndFile("out/job.json", std::string(finishedJob).replace(finishedJob.find("100"), 3, "1e31")), 1,
        {"job.json: field \"dataset_rows\""});
    row("job.json unsupported head bits on resume", convert, io,
        modelAndFile("out/job.json", std::string(finishedJob).replace(finishedJob.find("\"head_bits\": 6"), 14,
                                                                      "\"head_bits\": 7")),
        2, {"7 is not a supported option for head layer bitrate"});
    row("NaN weights", convert,
        {"-i", "{dir}/model", "-o", "{dir}/out", "-om", "{dir}/m.json", "-mr", "1", "-ml", "32", "--device", "cpu"},
        modelWithTensors([](auto& ts) {
            auto& t = tensor(ts, "model.layers.0.self_attn.q_proj.weight");
            const float nan = std::numeric_limits<float>::quiet_NaN();
            std::memcpy(t.bytes.data() + 4 * 70, &nan, 4);
        }),
        1, {"tensor model.layers.0.self_attn.q_proj.weight (layer 0) holds NaN at row 1, column 6"});
    row("Inf weights", convert,
        {"-i", "{dir}/model", "-o", "{dir}/out", "-om", "{dir}/m.json", "-mr", "1", "-ml", "32", "--device", "cpu"},
        modelWithTensors([](auto& ts) {
            auto& t = tensor(ts, "model.layers.3.mlp.down_proj.weight");
            const float inf = std::numeric_limits<float>::infinity();
            std::memcpy(t.bytes.data() + 4 * 200, &inf, 4);
        }),
        1, {"tensor model.layers.3.mlp.down_proj.weight (layer 3) holds Inf at row 1, column 28"});
    row("weight beyond the F16 range", convert,
        {"-i", "{dir}/model", "-o", "{dir}/out", "-om", "{dir}/m.json", "-mr", "1", "-ml", "32", "--device", "cpu"},
        modelWithTensors([](auto& ts) {
            auto& t = tensor(ts, "model.embed_tokens.weight");
            const float big = 1e5f;
            std::memcpy(t.bytes.data() + 4 * 3, &big, 4);
        }),
        1, {"tensor model.embed_tokens.weight has a value beyond the F16 range (+-65504) at row 0, column 3"});
    if (::geteuid() != 0)  // root writes into read-only folders, so this case needs an ordinary user
        row("read-only output folder", convert, io, [](const fs::path& dir) {
            exl2test::writeStoriesModel(dir / "model");
            fs::create_directories(dir / "out");
            fs::permissions(dir / "out", fs::perms::owner_read | fs::perms::owner_exec);
        }, 1, {"out"});
}

void TestReliability::catalogue()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(QString, program);
    QFETCH(QStringList, args);
    QFETCH(Setup, setup);
    QFETCH(int, exitCode);
    QFETCH(QStringList, phrases);
    QFETCH(QString, knownOpen);

    // EXL2_TOOLS_DIR points the catalogue at other binaries (an installed build), else this build's app/.
    const QString toolsDir = qEnvironmentVariableIsSet("EXL2_TOOLS_DIR")
                                 ? qEnvironmentVariable("EXL2_TOOLS_DIR")
                                 : QString::fromStdString((exl2test::binaryDir() / "app").string());
    const QString binary = toolsDir + "/" + program;
    QVERIFY2(QFileInfo(binary).isExecutable(), qPrintable(binary + " not built (build exl2-tool and exl2-convert)"));
    const fs::path dir = exl2test::scratchDir(std::string("reliability/") + QTest::currentDataTag());
    setup(dir);
    for (QString& a : args)
        a.replace("{dir}", QString::fromStdString(dir.string()));

    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary, args);
    QVERIFY2(p.waitForFinished(120000), "timed out");
    const QString output = QString::fromUtf8(p.readAll());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, qPrintable("crashed (signal):\n" + output));
    QString problem;
    if (p.exitCode() != exitCode)
        problem += QString("exit code %1, expected %2; ").arg(p.exitCode()).arg(exitCode);
    for (const QString& phrase : phrases)
        if (!output.contains(phrase))
            problem += "missing \"" + phrase + "\"; ";
    if (!knownOpen.isEmpty())
        QEXPECT_FAIL("", qPrintable("known open: " + knownOpen), Abort);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + "output:\n" + output));
    // One message, not a cascade: at most one error line.
    int errorLines = 0;
    for (const QString& line : output.split('\n'))
        errorLines += line.startsWith(" ## ") || line.contains(": error: ") ? 1 : 0;
    QVERIFY2(errorLines <= 1, qPrintable("several errors printed:\n" + output));
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add);
}

QTEST_GUILESS_MAIN(TestReliability)
#include "test_reliability.moc"
