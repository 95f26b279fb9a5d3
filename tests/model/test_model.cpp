// model: config.json parsing for every supported architecture (tests/data/model/<arch>/config.json hold the
// real models' field names) and a corpus of broken configs, each with its own error.
#include "test_model_cases.h"

#include "model/model_config.h"
#include "test_support.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

using namespace exl2;
namespace fs = std::filesystem;

void TestModel::architectures_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QList<qlonglong>>("dims");  // hidden, inter, layers, heads, kv, headDim, vocab, maxPos
    QTest::addColumn<QString>("rope");
    QTest::addColumn<bool>("tied");
    using L = QList<qlonglong>;
    QTest::newRow("llama") << "llama" << "LlamaForCausalLM" << L{4096, 14336, 32, 32, 8, 128, 128256, 131072} << "llama3" << false;
    QTest::newRow("mistral") << "mistral" << "MistralForCausalLM" << L{4096, 14336, 32, 32, 8, 128, 32000, 32768} << "none" << false;
    QTest::newRow("qwen2") << "qwen2" << "Qwen2ForCausalLM" << L{896, 4864, 24, 14, 2, 64, 151936, 32768} << "yarn" << true;
    QTest::newRow("qwen3") << "qwen3" << "Qwen3ForCausalLM" << L{1024, 3072, 28, 16, 8, 128, 151936, 40960} << "none" << true;
    QTest::newRow("mixtral") << "mixtral" << "MixtralForCausalLM" << L{4096, 14336, 32, 32, 8, 128, 32000, 32768} << "none" << false;
    QTest::newRow("gemma2") << "gemma2" << "Gemma2ForCausalLM" << L{2304, 9216, 26, 8, 4, 256, 256000, 8192} << "none" << true;
    QTest::newRow("phi3") << "phi3" << "Phi3ForCausalLM" << L{3072, 8192, 32, 32, 32, 96, 32064, 131072} << "longrope" << false;
}

void TestModel::architectures()
{
    QFETCH(QString, folder);
    QFETCH(QString, arch);
    QFETCH(QList<qlonglong>, dims);
    QFETCH(QString, rope);
    QFETCH(bool, tied);
    const ModelConfig c = loadModelConfig(exl2test::testDataDir() / "model" / folder.toStdString());
    QCOMPARE(QString::fromStdString(c.architecture), arch);
    const QList<qlonglong> got{c.hiddenSize, c.intermediateSize, c.numLayers, c.numHeads, c.numKvHeads, c.headDim,
                               c.vocabSize, c.maxPositions};
    QCOMPARE(got, dims);
    QCOMPARE(QString(ropeScalingTypeName(c.ropeScaling.type)), rope);
    QCOMPARE(c.tiedEmbeddings, tied);
    QCOMPARE(c.lmHead, std::string(tied ? "model.embed_tokens" : "lm_head"));
    QCOMPARE(qlonglong(c.layers.size()), dims[2]);
    QCOMPARE(c.layers.back().prefix, "model.layers." + std::to_string(dims[2] - 1));
    QCOMPARE(c.layers[3].attnNorm, std::string("model.layers.3.input_layernorm"));
}

void TestModel::architectureSpecifics()
{
    const auto dir = exl2test::testDataDir() / "model";
    const ModelConfig llama = loadModelConfig(dir / "llama");
    QCOMPARE(llama.ropeScaling.factor, 8.0);
    QCOMPARE(llama.ropeScaling.lowFreqFactor, 1.0);
    QCOMPARE(llama.ropeScaling.highFreqFactor, 4.0);
    QCOMPARE(llama.ropeScaling.originalMaxPositions, int64_t(8192));
    QCOMPARE(llama.ropeTheta, 500000.0);
    QCOMPARE(llama.eosTokenId, std::optional<int64_t>(128001));  // first of the list
    QCOMPARE(llama.torchDtype, std::string("bfloat16"));
    QVERIFY(!llama.qkvBias && !llama.qkNorm && !llama.postNorms && llama.normOffset == 0.0);

    const ModelConfig mistral = loadModelConfig(dir / "mistral");
    QCOMPARE(mistral.slidingWindow, int64_t(4096));
    QVERIFY(mistral.isSlidingLayer(0) && mistral.isSlidingLayer(1));

    const ModelConfig qwen2 = loadModelConfig(dir / "qwen2");
    QVERIFY(qwen2.qkvBias && !qwen2.oBias);
    QCOMPARE(qwen2.slidingWindow, int64_t(0));  // declared, but use_sliding_window is false
    QCOMPARE(qwen2.ropeScaling.factor, 4.0);
    QCOMPARE(qwen2.ropeScaling.originalMaxPositions, int64_t(32768));
    QCOMPARE(qwen2.ropeScaling.betaFast, 32.0);

    const ModelConfig qwen3 = loadModelConfig(dir / "qwen3");
    QVERIFY(qwen3.qkNorm && !qwen3.qkvBias);
    QCOMPARE(qwen3.layers[2].qNorm, std::string("model.layers.2.self_attn.q_norm"));
    QCOMPARE(qwen3.layers[2].kNorm, std::string("model.layers.2.self_attn.k_norm"));
    QCOMPARE(qwen3.headDim * qwen3.numHeads, int64_t(2048));  // head_dim is not hidden/heads here

    const ModelConfig mixtral = loadModelConfig(dir / "mixtral");
    QCOMPARE(mixtral.numExperts, int64_t(8));
    QCOMPARE(mixtral.expertsPerToken, int64_t(2));
    QVERIFY(mixtral.isMoe() && mixtral.layers[0].gate.empty());
    QCOMPARE(mixtral.layers[1].router, std::string("model.layers.1.block_sparse_moe.gate"));
    QCOMPARE(mixtral.layers[1].expertGate[7], std::string("model.layers.1.block_sparse_moe.experts.7.w1"));
    QCOMPARE(mixtral.layers[1].expertUp[0], std::string("model.layers.1.block_sparse_moe.experts.0.w3"));
    QCOMPARE(mixtral.layers[1].expertDown[0], std::string("model.layers.1.block_sparse_moe.experts.0.w2"));
    QCOMPARE(mixtral.ropeTheta, 1e6);

    const ModelConfig gemma = loadModelConfig(dir / "gemma2");
    QCOMPARE(gemma.normOffset, 1.0);
    QVERIFY(gemma.postNorms && gemma.activation == MlpActivation::GeluTanh);
    QCOMPARE(gemma.attnSoftcap, std::optional<double>(50.0));
    QCOMPARE(gemma.finalSoftcap, std::optional<double>(30.0));
    QCOMPARE(gemma.queryPreAttnScalar, std::optional<double>(256.0));
    QVERIFY(std::fabs(gemma.embeddingScale - 48.0) < 1e-12);  // sqrt(2304)
    QVERIFY(gemma.isSlidingLayer(0) && !gemma.isSlidingLayer(1) && gemma.isSlidingLayer(2));
    QCOMPARE(gemma.layers[0].attnPostNorm, std::string("model.layers.0.post_attention_layernorm"));
    QCOMPARE(gemma.layers[0].mlpNorm, std::string("model.layers.0.pre_feedforward_layernorm"));
    QCOMPARE(gemma.layers[0].mlpPostNorm, std::string("model.layers.0.post_feedforward_layernorm"));
    QCOMPARE(gemma.eosTokenId, std::optional<int64_t>(1));
    QCOMPARE(gemma.padTokenId, std::optional<int64_t>(0));

    const ModelConfig phi = loadModelConfig(dir / "phi3");
    QCOMPARE(phi.layers[0].fusedQkv, std::string("model.layers.0.self_attn.qkv_proj"));
    QCOMPARE(phi.layers[0].fusedGateUp, std::string("model.layers.0.mlp.gate_up_proj"));
    QCOMPARE(phi.ropeScaling.longFactor.size(), size_t(48));
    QCOMPARE(phi.ropeScaling.shortFactor.size(), size_t(48));
    QCOMPARE(phi.ropeScaling.originalMaxPositions, int64_t(4096));  // from the top level, as Phi-3 configs put it
    QCOMPARE(phi.slidingWindow, int64_t(262144));
}

void TestModel::loadsStories260k()
{
    EXL2_REQUIRE_SHARED();
    const ModelConfig c = loadModelConfig(exl2test::sharedDir() / "models/stories260k");
    QCOMPARE(c.hiddenSize, int64_t(64));
    QCOMPARE(c.intermediateSize, int64_t(172));
    QCOMPARE(c.numLayers, int64_t(5));
    QCOMPARE(c.numHeads, int64_t(8));
    QCOMPARE(c.numKvHeads, int64_t(4));
    QCOMPARE(c.headDim, int64_t(8));
    QCOMPARE(c.vocabSize, int64_t(512));
    QCOMPARE(c.normEps, 1e-5);
    QVERIFY(c.tiedEmbeddings);
    QVERIFY(c.hasLmHeadTensor);  // tied, but lm_head.weight is stored: preferred as exllamav2 does
    QCOMPARE(c.lmHead, std::string("lm_head"));
    QCOMPARE(c.bosTokenId, std::optional<int64_t>(1));
    QCOMPARE(c.layers[4].down, std::string("model.layers.4.mlp.down_proj"));
}

void TestModel::malformedConfig_data()
{
    QTest::addColumn<QString>("patch");  // JSON merge patch applied to stories260k's config ("RAW:" = whole text)
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("error");
    const int fmt = int(ErrorCode::Format), unsup = int(ErrorCode::Unsupported);
    QTest::newRow("not-json") << "RAW:{\"architectures\": [" << fmt << "config.json: not valid JSON";
    QTest::newRow("not-object") << "RAW:[1, 2]" << fmt << "config.json: must be a JSON object";
    QTest::newRow("no-architectures") << R"({"architectures": null})" << fmt << "field \"architectures\" must be a list with exactly one";
    QTest::newRow("two-architectures") << R"({"architectures": ["LlamaForCausalLM", "MistralForCausalLM"]})" << fmt << "exactly one architecture";
    QTest::newRow("unsupported-arch") << R"({"architectures": ["BertModel"]})" << unsup
                                      << "architecture \"BertModel\" is not supported; supported architectures: LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM, MixtralForCausalLM, Gemma2ForCausalLM, Phi3ForCausalLM";
    QTest::newRow("missing-hidden") << R"({"hidden_size": null})" << fmt << "field \"hidden_size\" is missing (expected a positive integer)";
    QTest::newRow("hidden-string") << R"({"hidden_size": "64"})" << fmt << "field \"hidden_size\" must be an integer, found \"64\"";
    QTest::newRow("hidden-fraction") << R"({"hidden_size": 64.5})" << fmt << "field \"hidden_size\" must be an integer, found 64.5";
    QTest::newRow("layers-zero") << R"({"num_hidden_layers": 0})" << fmt << "field \"num_hidden_layers\" must be a positive integer, found 0";
    QTest::newRow("missing-vocab") << R"({"vocab_size": null})" << fmt << "field \"vocab_size\" is missing";
    QTest::newRow("missing-intermediate") << R"({"intermediate_size": null})" << fmt << "field \"intermediate_size\" is missing";
    QTest::newRow("kv-not-dividing") << R"({"num_key_value_heads": 3})" << fmt << "field \"num_key_value_heads\" (3) must divide num_attention_heads (8)";
    QTest::newRow("head-dim-underivable") << R"({"head_dim": null, "num_attention_heads": 7, "num_key_value_heads": 7})" << fmt
                                          << "field \"head_dim\" is missing and hidden_size 64 is not divisible by num_attention_heads 7";
    QTest::newRow("eps-negative") << R"({"rms_norm_eps": -1})" << fmt << "field \"rms_norm_eps\" must be positive";
    QTest::newRow("tie-not-bool") << R"({"tie_word_embeddings": "yes"})" << fmt << "field \"tie_word_embeddings\" must be true or false";
    QTest::newRow("rope-not-object") << R"({"rope_scaling": 4})" << fmt << "field \"rope_scaling\" must be an object or null";
    QTest::newRow("rope-no-type") << R"({"rope_scaling": {"factor": 2}})" << fmt << "field \"rope_scaling.type\" is missing";
    QTest::newRow("rope-type-conflict") << R"({"rope_scaling": {"type": "linear", "rope_type": "yarn", "factor": 2}})" << fmt
                                        << "has both \"type\" and \"rope_type\" with different values";
    QTest::newRow("rope-unknown") << R"({"rope_scaling": {"type": "ntk-by-parts", "factor": 2}})" << unsup
                                  << "rope_scaling type \"ntk-by-parts\" is not supported";
    QTest::newRow("linear-no-factor") << R"({"rope_scaling": {"type": "linear"}})" << fmt
                                      << "field \"rope_scaling.factor\" is missing (required for rope type \"linear\")";
    QTest::newRow("llama3-no-original") << R"({"rope_scaling": {"rope_type": "llama3", "factor": 8, "low_freq_factor": 1, "high_freq_factor": 4}})"
                                        << fmt << "field \"original_max_position_embeddings\" is missing (required for rope type \"llama3\")";
    QTest::newRow("longrope-short-list") << R"({"original_max_position_embeddings": 256, "rope_scaling": {"type": "su", "long_factor": [1, 2], "short_factor": [1, 1, 1, 1]}})"
                                         << fmt << "field \"rope_scaling.long_factor\" has 2 entries, expected 4 (rotary dimensions / 2)";
    QTest::newRow("factor-negative") << R"({"rope_scaling": {"type": "linear", "factor": -2}})" << fmt << "field \"rope_scaling.factor\" must be positive";
    QTest::newRow("moe-too-many-per-token") << R"({"architectures": ["MixtralForCausalLM"], "num_local_experts": 4, "num_experts_per_tok": 5})"
                                            << fmt << "field \"num_experts_per_tok\" (5) exceeds num_local_experts (4)";
    QTest::newRow("moe-no-experts") << R"({"architectures": ["MixtralForCausalLM"], "num_experts_per_tok": 2})" << fmt
                                    << "field \"num_local_experts\" is missing";
    QTest::newRow("layers-absurd") << R"({"num_hidden_layers": 1000000.0})" << fmt
                                   << "field \"num_hidden_layers\" (1000000) is beyond any real model (expected at most 1024)";
    QTest::newRow("vocab-absurd") << R"({"vocab_size": 100000000})" << fmt
                                  << "field \"vocab_size\" (100000000) is beyond any real model (expected at most 8388608)";
    QTest::newRow("partial-rotary-zero") << R"({"partial_rotary_factor": 0})" << fmt << "field \"partial_rotary_factor\" must be in (0, 1]";
}

void TestModel::malformedConfig()
{
    QFETCH(QString, patch);
    QFETCH(int, code);
    QFETCH(QString, error);
    // A stand-alone copy of stories260k's config so the case runs without ../shared.
    nlohmann::json base = nlohmann::json::parse(R"({"architectures": ["LlamaForCausalLM"], "hidden_size": 64,
        "intermediate_size": 172, "num_hidden_layers": 5, "num_attention_heads": 8, "num_key_value_heads": 4,
        "head_dim": 8, "vocab_size": 512, "max_position_embeddings": 512, "rms_norm_eps": 1e-05,
        "rope_theta": 10000.0, "rope_scaling": null, "tie_word_embeddings": true, "bos_token_id": 1, "eos_token_id": 2})");
    std::string text;
    if (patch.startsWith("RAW:")) {
        text = patch.mid(4).toStdString();
    } else {
        const auto changes = nlohmann::json::parse(patch.toStdString());
        for (const auto& [k, v] : changes.items())
            base[k] = v;  // a null value stays as an explicit null, which counts as missing
        text = base.dump();
    }
    const auto dir = exl2test::scratchDir("model-bad-config");
    writeFileAtomically(dir / "config.json", text);
    try {
        (void)loadModelConfig(dir);
    } catch (const Error& e) {
        const std::string msg = e.what();
        QVERIFY2(msg.find(error.toStdString()) != std::string::npos, e.what());
        QVERIFY2(msg.find((dir / "config.json").string()) != std::string::npos, e.what());
        QCOMPARE(int(e.code()), code);
        return;
    }
    QFAIL("config accepted");
}

QTEST_GUILESS_MAIN(TestModel)
