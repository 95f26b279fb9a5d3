// model: the tensor check against real and broken models, the summary (parameters, RAM/VRAM estimate,
// warnings), the inspect report, and the built-in demo model.
#include "test_model_cases.h"

#include "io/safetensors.h"
#include "io/safetensors_writer.h"
#include "model/demo_model.h"
#include "model/model_check.h"
#include "model/model_config.h"
#include "model/model_report.h"
#include "test_support.h"
#include "tokenizer/tokenizer.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <QProcess>
#include <nlohmann/json.hpp>
#include <set>

using namespace exl2;
namespace fs = std::filesystem;

namespace {

fs::path stories() { return exl2test::sharedDir() / "models/stories260k"; }

// Copies stories260k into `dir` through the writer, letting `edit` drop or replace tensors.
void copyStories(const fs::path& dir, const std::function<bool(const std::string&, SafetensorsWriter&)>& edit)
{
    const auto src = SafetensorsReader::open(stories());
    SafetensorsWriter w;
    for (const auto& name : src.names())
        if (!edit(name, w))
            w.addView(name, src.info(name).dtype, src.info(name).shape, src.raw(name));
    w.write(dir / "model.safetensors");
    fs::copy_file(stories() / "config.json", dir / "config.json", fs::copy_options::overwrite_existing);
}

bool contains(const std::vector<std::string>& lines, const std::string& text)
{
    for (const auto& l : lines)
        if (l.find(text) != std::string::npos)
            return true;
    return false;
}

}  // namespace

void TestModel::tensorCheckAcceptsRealModels()
{
    EXL2_REQUIRE_SHARED();
    for (const char* folder : {"models/stories260k", "models/stories260k-f16"}) {
        const auto dir = exl2test::sharedDir() / folder;
        checkModelTensors(loadModelConfig(dir), SafetensorsReader::open(dir));
    }
    QCOMPARE(expectedTensors(loadModelConfig(stories())).size(), size_t(48));
}

void TestModel::tensorCheckReportsProblems_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<QString>("change");  // drop | shape | dtype
    QTest::addColumn<QString>("error");
    QTest::newRow("missing-up") << "model.layers.3.mlp.up_proj.weight" << "drop"
                                << "missing tensor 'model.layers.3.mlp.up_proj.weight' (expected shape [172, 64])";
    QTest::newRow("missing-final-norm") << "model.norm.weight" << "drop" << "missing tensor 'model.norm.weight' (expected shape [64])";
    QTest::newRow("k-shape") << "model.layers.1.self_attn.k_proj.weight" << "shape"
                             << "tensor 'model.layers.1.self_attn.k_proj.weight' has shape [64, 32], expected [32, 64]";
    QTest::newRow("down-shape") << "model.layers.0.mlp.down_proj.weight" << "shape"
                                << "tensor 'model.layers.0.mlp.down_proj.weight' has shape [172, 64], expected [64, 172]";
    QTest::newRow("embed-int") << "model.embed_tokens.weight" << "dtype"
                               << "tensor 'model.embed_tokens.weight' has dtype I32, expected F32, F16 or BF16";
}

void TestModel::tensorCheckReportsProblems()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(QString, tensor);
    QFETCH(QString, change);
    QFETCH(QString, error);
    const auto dir = exl2test::scratchDir("model-check-" + change.toStdString());
    const auto src = SafetensorsReader::open(stories());
    copyStories(dir, [&](const std::string& name, SafetensorsWriter& w) {
        if (name != tensor.toStdString())
            return false;
        auto shape = src.info(name).shape;
        if (change == "shape")
            std::reverse(shape.begin(), shape.end());
        if (change != "drop")
            w.addView(name, change == "dtype" ? DType::I32 : src.info(name).dtype, shape, src.raw(name));
        return true;
    });
    try {
        checkModelTensors(loadModelConfig(dir), SafetensorsReader::open(dir));
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Model);
        QVERIFY2(std::string(e.what()).find(error.toStdString()) != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find("LlamaForCausalLM") != std::string::npos, e.what());
        return;
    }
    QFAIL("broken model accepted");
}

void TestModel::tiedModelWithoutHeadUsesEmbedding()
{
    EXL2_REQUIRE_SHARED();
    const auto dir = exl2test::scratchDir("model-tied");
    copyStories(dir, [](const std::string& name, SafetensorsWriter&) { return name == "lm_head.weight"; });
    const ModelConfig c = loadModelConfig(dir);
    QVERIFY(!c.hasLmHeadTensor);
    QCOMPARE(c.lmHead, std::string("model.embed_tokens"));
    const auto reader = SafetensorsReader::open(dir);
    checkModelTensors(c, reader);
    QVERIFY(contains(summarizeModel(c, reader).warnings, "head is quantized from model.embed_tokens"));
}

void TestModel::expectedTensorsOfEveryArchitecture()
{
    const auto dir = exl2test::testDataDir() / "model";
    auto shapeOf = [](const ModelConfig& c, const std::string& name) {
        for (const auto& t : expectedTensors(c))
            if (t.name == name)
                return t.shape;
        return std::vector<int64_t>{-1};
    };
    using S = std::vector<int64_t>;
    const ModelConfig phi = loadModelConfig(dir / "phi3");
    QCOMPARE(shapeOf(phi, "model.layers.0.self_attn.qkv_proj.weight"), (S{9216, 3072}));
    QCOMPARE(shapeOf(phi, "model.layers.0.mlp.gate_up_proj.weight"), (S{16384, 3072}));
    QCOMPARE(shapeOf(phi, "model.layers.0.self_attn.q_proj.weight"), (S{-1}));  // only the fused tensor is stored
    const ModelConfig qwen2 = loadModelConfig(dir / "qwen2");
    QCOMPARE(shapeOf(qwen2, "model.layers.5.self_attn.k_proj.bias"), (S{128}));
    QCOMPARE(shapeOf(qwen2, "model.layers.5.self_attn.o_proj.bias"), (S{-1}));
    QCOMPARE(shapeOf(qwen2, "lm_head.weight"), (S{-1}));  // tied and no files to find one in
    const ModelConfig qwen3 = loadModelConfig(dir / "qwen3");
    QCOMPARE(shapeOf(qwen3, "model.layers.0.self_attn.q_norm.weight"), (S{128}));
    QCOMPARE(shapeOf(qwen3, "model.layers.0.self_attn.q_proj.weight"), (S{2048, 1024}));
    QCOMPARE(shapeOf(qwen3, "model.layers.0.self_attn.o_proj.weight"), (S{1024, 2048}));
    const ModelConfig mixtral = loadModelConfig(dir / "mixtral");
    QCOMPARE(shapeOf(mixtral, "model.layers.0.block_sparse_moe.gate.weight"), (S{8, 4096}));
    QCOMPARE(shapeOf(mixtral, "model.layers.31.block_sparse_moe.experts.7.w2.weight"), (S{4096, 14336}));
    QCOMPARE(expectedTensors(mixtral).size(), size_t(1 + 32 * (2 + 4 + 1 + 24) + 2));
    const ModelConfig gemma = loadModelConfig(dir / "gemma2");
    QCOMPARE(shapeOf(gemma, "model.layers.0.post_feedforward_layernorm.weight"), (S{2304}));
    QCOMPARE(shapeOf(gemma, "model.layers.0.self_attn.q_proj.weight"), (S{2048, 2304}));
    QCOMPARE(expectedTensors(gemma).size(), size_t(1 + 26 * 11 + 1));
}

void TestModel::summaryOfStories260k()
{
    EXL2_REQUIRE_SHARED();
    const ModelConfig c = loadModelConfig(stories());
    const auto reader = SafetensorsReader::open(stories());
    const ModelSummary s = summarizeModel(c, reader, 100, 2048);
    QCOMPARE(s.parameterCount, int64_t(260032 + 512 * 64));  // README's count plus the stored lm_head copy
    QCOMPARE(s.tensorCount, int64_t(48));
    QCOMPARE(s.dtype, std::string("F32"));
    QCOMPARE(s.fileBytes, uint64_t(1176152));
    // RAM: largest of (one layer, head) in fp32 + 2 fp32 copies of the hidden states + the file.
    const uint64_t layer = (64 * 64 * 2 + 32 * 64 * 2 + 3 * 172 * 64 + 4 * 64) * 4, head = 512 * 64 * 4;
    QCOMPARE(s.ram.totalBytes, std::max(layer, head) + uint64_t(100) * 2048 * 64 * 4 * 2 + 1176152);
    QVERIFY(s.vram.totalBytes > uint64_t(100) * 2048 * 64 * 2 * 2);
    const auto& w = s.warnings;
    QVERIFY(contains(w, "gate_proj/up_proj output features 172 are not a multiple of 32: padded to 192 with zero rows"));
    QVERIFY(contains(w, "down_proj input features 172 are not a multiple of 32: the last quantization group is a partial tail group of 12"));
    QVERIFY(contains(w, "calibration length 2048 exceeds max_position_embeddings 512"));
    QVERIFY(contains(w, "stored as F32"));
    QVERIFY(!contains(w, "k_proj/v_proj output"));  // 32 rows: fine
    QVERIFY(!contains(w, "rope_scaling"));
    QVERIFY(!contains(w, "large vocabulary"));
    QVERIFY(!contains(summarizeModel(c, reader, 16, 256).warnings, "exceeds max_position_embeddings"));
}

void TestModel::vramFollowsWidthNotDepth()
{
    EXL2_REQUIRE_SHARED();
    const auto reader = SafetensorsReader::open(stories());
    auto variant = [&](const char* patch) {
        nlohmann::json j = nlohmann::json::parse(readFile(stories() / "config.json"));
        j.merge_patch(nlohmann::json::parse(patch));
        return summarizeModel(parseModelConfig(j.dump(), stories()), reader, 100, 2048);
    };
    const auto base = variant("{}");
    const auto deep = variant(R"({"num_hidden_layers": 80})");
    const auto wide = variant(R"({"hidden_size": 256})");
    const auto wideMlp = variant(R"({"intermediate_size": 4096})");
    const auto moreRows = variant("{}");
    QCOMPARE(deep.vram.totalBytes, base.vram.totalBytes);
    QVERIFY(wide.vram.totalBytes > base.vram.totalBytes);
    QVERIFY(wideMlp.vram.totalBytes > base.vram.totalBytes);
    QVERIFY(summarizeModel(loadModelConfig(stories()), reader, 200, 2048).vram.totalBytes > moreRows.vram.totalBytes);
    const auto bigVocab = variant(R"({"vocab_size": 152064})");
    QVERIFY(bigVocab.vram.totalBytes > base.vram.totalBytes);  // the head's step dominates
    QVERIFY(contains(bigVocab.warnings, "large vocabulary (152064)"));
    QVERIFY(contains(bigVocab.warnings, "lm_head output features 152064") == false);  // 152064 = 4752 * 32
    QVERIFY(contains(variant(R"({"rope_scaling": {"type": "linear", "factor": 2}})").warnings, "rope_scaling (linear)"));
}

void TestModel::reportForStories260k()
{
    EXL2_REQUIRE_SHARED();
    const ModelConfig c = loadModelConfig(stories());
    const auto reader = SafetensorsReader::open(stories());
    const ModelSummary s = summarizeModel(c, reader);
    const QString text = QString::fromStdString(modelReportText(c, s));
    for (const char* expected : {"Architecture:           LlamaForCausalLM", "Hidden size:            64",
                                 "Intermediate size:      172", "Layers:                 5",
                                 "Attention heads:        8", "KV heads:               4", "Vocabulary:             512",
                                 "Parameters:             292800", "Dtype:                  F32",
                                 "RoPE:                   theta 10000, 8 rotary dims, scaling none", " !! "})
        QVERIFY2(text.contains(expected), qPrintable(text));
    const auto j = modelReportJson(c, s);
    QCOMPARE(j["hidden_size"].get<int>(), 64);
    QCOMPARE(j["intermediate_size"].get<int>(), 172);
    QCOMPARE(j["num_layers"].get<int>(), 5);
    QCOMPARE(j["num_heads"].get<int>(), 8);
    QCOMPARE(j["num_kv_heads"].get<int>(), 4);
    QCOMPARE(j["vocab_size"].get<int>(), 512);
    QCOMPARE(j["rope"]["scaling"].get<std::string>(), std::string("none"));
    QCOMPARE(j["vram"]["total_bytes"].get<uint64_t>(), s.vram.totalBytes);
    QCOMPARE(j["warnings"].size(), s.warnings.size());
}

void TestModel::demoModelIsDeterministicAndValid()
{
    const auto a = exl2test::scratchDir("model-demo-a"), b = exl2test::scratchDir("model-demo-b");
    writeDemoModel(a);
    writeDemoModel(b);
    for (const char* file : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                             "generation_config.json"}) {
        QVERIFY2(fs::exists(a / file), file);
        QVERIFY2(readFile(a / file) == readFile(b / file), file);
    }
    const ModelConfig c = loadModelConfig(a);
    QCOMPARE(c.hiddenSize, DemoModelShape::hidden);
    QCOMPARE(c.intermediateSize, DemoModelShape::intermediate);
    QCOMPARE(c.numLayers, DemoModelShape::layers);
    QCOMPARE(c.vocabSize, DemoModelShape::vocab);
    const auto reader = SafetensorsReader::open(a);
    checkModelTensors(c, reader);
    QCOMPARE(summarizeModel(c, reader).dtype, std::string("F16"));

    // Realistic statistics: norms near 1, heavy tails, deeper layers larger, outlier input channels.
    int nonFinite = 0;
    auto stats = [&](const std::string& name) {
        const auto v = reader.toFloat(name);
        double sum2 = 0, sum4 = 0;
        for (float x : v) {
            nonFinite += std::isfinite(x) ? 0 : 1;
            sum2 += double(x) * x;
            sum4 += double(x) * x * x * x;
        }
        const double var = sum2 / double(v.size());
        return std::pair<double, double>(std::sqrt(var), sum4 / double(v.size()) / (var * var));  // rms, kurtosis
    };
    const auto norm = reader.toFloat("model.layers.0.input_layernorm.weight");
    for (float x : norm)
        QVERIFY(x > 0.7f && x < 1.3f);
    const auto [rms0, kurt0] = stats("model.layers.0.self_attn.o_proj.weight");
    const auto [rms3, kurt3] = stats("model.layers.3.self_attn.o_proj.weight");
    QCOMPARE(nonFinite, 0);
    QVERIFY2(rms3 > 1.5 * rms0, qPrintable(QString("%1 vs %2").arg(rms3).arg(rms0)));
    QVERIFY2(kurt0 > 4.0 && kurt3 > 4.0, qPrintable(QString("kurtosis %1 %2").arg(kurt0).arg(kurt3)));  // normal: 3
    const auto up = reader.toFloat("model.layers.1.mlp.up_proj.weight");
    std::vector<double> colRms(size_t(DemoModelShape::hidden), 0.0);
    for (size_t i = 0; i < up.size(); ++i)
        colRms[i % size_t(DemoModelShape::hidden)] += double(up[i]) * up[i];
    std::vector<double> sorted = colRms;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    int outliers = 0;
    for (double v : colRms)
        outliers += v > 9.0 * median ? 1 : 0;  // > 3x in rms
    QVERIFY(outliers >= 2 && outliers <= 8);
}

void TestModel::demoTokenizerHasLlamaStructure()
{
    const auto demo = nlohmann::ordered_json::parse(demoTokenizerJson());
    const auto& model = demo["model"];
    QCOMPARE(model["type"].get<std::string>(), std::string("BPE"));
    QVERIFY(model["byte_fallback"].get<bool>());
    QCOMPARE(model["vocab"].size(), size_t(DemoModelShape::vocab));
    QCOMPARE(model["vocab"]["<unk>"].get<int>(), 0);
    QCOMPARE(model["vocab"]["</s>"].get<int>(), 2);
    QCOMPARE(model["vocab"]["<0x00>"].get<int>(), 3);
    QCOMPARE(model["vocab"]["<0xFF>"].get<int>(), 258);
    QVERIFY(model["merges"].size() >= size_t(600));
    const std::string space = "\xe2\x96\x81";
    QVERIFY(model["vocab"].contains(space + "the"));  // the commonest word became one piece
    std::set<int> ids;
    for (const auto& [piece, id] : model["vocab"].items())
        ids.insert(id.get<int>());
    QCOMPARE(ids.size(), size_t(DemoModelShape::vocab));
    QCOMPARE(*ids.rbegin(), int(DemoModelShape::vocab - 1));
    for (const auto& m : model["merges"]) {  // every merge joins two known pieces into a known piece
        const std::string s = m.get<std::string>();
        const auto cut = s.find(' ');
        QVERIFY(cut != std::string::npos);
        QVERIFY(model["vocab"].contains(s.substr(0, cut)) && model["vocab"].contains(s.substr(cut + 1)));
        QVERIFY(model["vocab"].contains(s.substr(0, cut) + s.substr(cut + 1)));
    }
    if (!exl2test::haveShared())
        return;
    // Same JSON structure as the real Llama-2-style file: identical keys and every non-vocabulary section equal.
    auto real = nlohmann::ordered_json::parse(readFile(exl2test::sharedDir() / "models/stories260k/tokenizer.json"));
    for (const auto& [key, value] : real.items())
        if (key != "model")
            QVERIFY2(demo[key] == value, key.c_str());
    std::vector<std::string> realKeys, demoKeys;
    for (const auto& [k, v] : real.items())
        realKeys.push_back(k);
    for (const auto& [k, v] : demo.items())
        demoKeys.push_back(k);
    QCOMPARE(demoKeys, realKeys);
    realKeys.clear();
    demoKeys.clear();
    for (const auto& [k, v] : real["model"].items())
        realKeys.push_back(k);
    for (const auto& [k, v] : model.items())
        demoKeys.push_back(k);
    QCOMPARE(demoKeys, realKeys);
}

// The demo tokenizer.json, loaded by the project's tokenizer, gives the ids Hugging Face's `tokenizers`
// library gave for it (scripts/make_demo_tokenizer_golden.py).
void TestModel::demoTokenizerMatchesHfGolden()
{
    const auto golden = nlohmann::json::parse(readFile(exl2test::testDataDir() / "model/demo_tokenizer_golden.json"));
    const Tokenizer tok = Tokenizer::fromJsonText(demoTokenizerJson(), "demo tokenizer.json");
    QCOMPARE(tok.vocabSize(), DemoModelShape::vocab);
    QVERIFY(golden["cases"].size() >= 5);
    for (const auto& c : golden["cases"]) {
        const std::string text = c["text"].get<std::string>();
        const auto ids = tok.encode(text, true);
        QCOMPARE(std::vector<int64_t>(ids.begin(), ids.end()), c["ids"].get<std::vector<int64_t>>());
        QCOMPARE(tok.decode(ids, true), text);
    }
}

// The real `exl2-tool inspect` (when this build has it) prints the same report, text and JSON.
void TestModel::inspectCommandOnStories260k()
{
    EXL2_REQUIRE_SHARED();
    const auto tool = exl2test::binaryDir() / "app/exl2-tool";
    if (!fs::exists(tool))
        QSKIP("exl2-tool not built in this build folder");
    auto run = [&](const QStringList& args) {
        QProcess p;
        p.start(QString::fromStdString(tool.string()), args);
        const bool finished = p.waitForFinished(60000);
        return finished && p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()) : QString("failed");
    };
    const QString dir = QString::fromStdString(stories().string());
    const QString text = run({"inspect", dir});
    for (const char* expected : {"Hidden size:            64", "Intermediate size:      172", "Layers:                 5",
                                 "Attention heads:        8", "KV heads:               4", "Vocabulary:             512"})
        QVERIFY2(text.contains(expected), qPrintable(text));
    const QString json = run({"inspect", "--json", dir});
    QVERIFY2(json.startsWith("{"), qPrintable(json));
    const auto j = nlohmann::json::parse(json.toStdString());
    QCOMPARE(j["num_layers"].get<int>(), 5);
    QCOMPARE(j["vocab_size"].get<int>(), 512);
    QProcess bad;
    bad.start(QString::fromStdString(tool.string()), {"inspect", QString::fromStdString(exl2test::scratchDir("model-no-config").string())});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 1);
    QVERIFY(QString::fromUtf8(bad.readAllStandardError()).contains("config.json: not found"));
}
