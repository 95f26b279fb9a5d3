// Non-finite activations. A module output with NaN/Inf (module_runner's forwardRows, the path of every
// measurement and quantization pass) must stop with one Numerical error naming the module, the row and
// the token; a checkpoint whose weights would produce them is refused earlier, naming the tensor (the
// weight loader). Damaged models are written to the build's scratch folder, never the repo.
#include "backend/registry.h"
#include "forward/transformer_model.h"
#include "io/safetensors.h"
#include "pipeline/job.h"
#include "pipeline/module_runner.h"
#include "test_pipeline_suites.h"
#include "test_support.h"
#include "util/error.h"

#include <QtTest>

#include <fstream>
#include <limits>

using namespace exl2;
namespace fs = std::filesystem;

namespace {

// A copy of stories260k (F32) with every element of `tensor` set to `value`, or only element `only`.
fs::path damagedModel(const fs::path& dir, const std::string& tensor, float value, int64_t only = -1)
{
    const fs::path source = exl2test::sharedDir() / "models" / "stories260k";
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(source))
        fs::copy_file(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
    const SafetensorsReader reader = SafetensorsReader::open(dir);
    const TensorInfo info = reader.info(tensor);
    if (info.dtype != DType::F32)
        throw std::runtime_error("expected an F32 tensor");
    std::fstream f(info.file, std::ios::in | std::ios::out | std::ios::binary);
    for (int64_t i = 0; i < info.numel(); ++i) {
        if (only >= 0 && i != only)
            continue;
        f.seekp(std::streamoff(info.dataOffset + uint64_t(i) * 4));
        f.write(reinterpret_cast<const char*>(&value), 4);
    }
    return dir;
}

}  // namespace

void TestPipelineNumeric::nonFiniteActivationsNameModule()
{
    EXL2_REQUIRE_SHARED();
    const fs::path dir = exl2test::sharedDir() / "models" / "stories260k";
    const ModelConfig config = loadModelConfig(dir);
    TransformerModel model = TransformerModel::load(config, std::make_shared<const SafetensorsReader>(SafetensorsReader::open(dir)));
    auto backend = BackendRegistry::create("cpu");
    const std::vector<ModuleRef> modules = model.modules();
    const ModuleRef& attention = modules.at(3);  // model.layers.1.self_attn
    const ModuleRef& mlp = modules.at(4);        // model.layers.1.mlp
    const std::vector<int32_t> ids{1, 5, 9, 40, 77, 3, 1, 8, 13, 200, 64, 2};
    const HiddenStates input = model.embed(ids, 2, 6);
    {
        HiddenStates s = input;
        forwardRows(model, *backend, attention, s);  // finite input and weights: no error
    }
    // A NaN entering with row 1: row 0 stays clean, the error names row 1.
    HiddenStates s = input;
    s.token(1, 0)[7] = std::numeric_limits<float>::quiet_NaN();
    try {
        forwardRows(model, *backend, attention, s);
        QFAIL("a NaN activation passed");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Numerical);
        QVERIFY2(QString(e.what()).startsWith("model.layers.1.self_attn: output of calibration row 1 is NaN at token 0"),
                 e.what());
        QVERIFY2(QString(e.what()).contains("(original weights)"), e.what());
    }
    // Quantized weights reach the forward pass as overrides, past the loader's checks: an infinite weight.
    WeightOverrides overrides;
    LinearWeights down = *model.linears(mlp).at(2).weights;
    down.weight[5] = std::numeric_limits<float>::infinity();
    overrides.linears[model.linears(mlp).at(2).key] = down;
    s = input;
    try {
        forwardRows(model, *backend, mlp, s, &overrides);
        QFAIL("an infinite activation passed");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Numerical);
        QVERIFY2(QString(e.what()).startsWith("model.layers.1.mlp: output of calibration row 0 is"), e.what());
        QVERIFY2(QString(e.what()).contains("at token 0, feature 0 (with quantized weights)"), e.what());
    }
}

void TestPipelineNumeric::damagedWeightsNameTensor_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<float>("value");
    QTest::addColumn<int>("element");
    QTest::addColumn<QString>("expected");
    QTest::newRow("overflowing norm") << "model.layers.1.post_attention_layernorm.weight" << 1e30f << -1
                                      << "tensor model.layers.1.post_attention_layernorm.weight (layer 1) has a value "
                                         "beyond the F16 range";
    QTest::newRow("NaN weight") << "model.layers.3.self_attn.o_proj.weight" << std::numeric_limits<float>::quiet_NaN()
                                << 70 << "tensor model.layers.3.self_attn.o_proj.weight (layer 3) holds NaN at row 1, column 6";
}

void TestPipelineNumeric::damagedWeightsNameTensor()
{
    EXL2_REQUIRE_SHARED();
    QFETCH(QString, tensor);
    QFETCH(float, value);
    QFETCH(int, element);
    QFETCH(QString, expected);
    const fs::path scratch = exl2test::scratchDir("pipeline-numeric-" + std::to_string(QTest::currentDataTag()[0]));
    JobSettings s;
    s.inDir = damagedModel(scratch / "model", tensor.toStdString(), value, element).string();
    s.outDir = (scratch / "work").string();
    s.calDataset = (exl2test::sharedDir() / "data" / "tinystories_val_sample.txt").string();
    s.datasetRows = s.measurementRows = 2;
    s.length = s.measurementLength = 64;
    s.device = "cpu";
    JobHooks hooks;
    try {
        runJob(s, hooks);
        QFAIL("a model with non-finite activations converted");
    } catch (const Error& e) {
        QCOMPARE(e.code(), ErrorCode::Numerical);
        QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
}
