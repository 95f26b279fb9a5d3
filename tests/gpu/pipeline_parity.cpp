// Whole-pipeline GPU parity (CTest label gpu): the shared stories260k model converted at 4.0 bpw with the
// TinyStories calibration text once on the CPU backend and once on CUDA, in scratch folders; the two
// measurements, the bits per weight and the perplexities of the two outputs are compared with named
// tolerances. Prints "N passed, N failed, N skipped"; without a GPU or the fixtures every case skips (exit 77).
#include "backend/registry.h"
#include "forward/perplexity.h"
#include "forward/transformer_model.h"
#include "gpu_support.h"
#include "model/model_config.h"
#include "optimize/measurement.h"
#include "pipeline/exl2_model.h"
#include "pipeline/job.h"
#include "tokenizer/tokenizer.h"
#include "util/atomic_file.h"
#include "util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;

constexpr double kAccuracyTolerance = 0.005;   // absolute, per option row of every module
constexpr double kBpwTolerance = 1e-9;         // "equal": the optimizer must pick the same options
constexpr double kPerplexityTolerance = 0.005; // relative (0.5%), held-out and calibration perplexity

struct Conversion {
    exl2::JobResult result;
    exl2::Measurement measurement;
    double heldOutPpl = 0;
    double seconds = 0;
};

struct Case {
    std::string name;
    double tolerance;
    std::function<double()> error;  // the measure that must stay ≤ tolerance
};

exl2::JobSettings settingsFor(const fs::path& fixtures, const fs::path& scratch, const std::string& tag,
                              const std::string& device)
{
    exl2::JobSettings s;
    s.inDir = (fixtures / "models" / "stories260k").string();
    s.outDir = (scratch / ("work-" + tag)).string();
    s.compileFull = (scratch / ("exl2-" + tag)).string();
    s.calDataset = (fixtures / "data" / "tinystories_val_sample.txt").string();
    s.bits = 4.0;
    s.headBits = 8;
    s.datasetRows = 16;
    s.measurementRows = 8;
    s.length = 256;
    s.measurementLength = 256;
    s.device = device;
    s.seed = 7;
    return s;
}

// Held-out text: the last eighth of the calibration file (calibration reads from its beginning), 24 windows
// of 255 tokens after a BOS, scored on the CPU backend so that only the conversions differ.
struct HeldOut {
    std::vector<int32_t> ids;
    int64_t rows = 0, length = 0;
};

HeldOut heldOutRows(const fs::path& fixtures)
{
    const std::string text = exl2::readFile(fixtures / "data" / "tinystories_val_sample.txt");
    const size_t cut = text.find("\n\n", text.size() - text.size() / 8);
    const exl2::Tokenizer tok = exl2::Tokenizer::fromModelDir(fixtures / "models" / "stories260k");
    HeldOut h;
    h.ids = exl2::perplexityRows(tok.encode(exl2::joinParagraphs(text.substr(cut)), false), 255, 1, 24, h.rows);
    h.length = 256;
    return h;
}

// `tag` names the scratch folders ("reference", "device"), `device` the backend the job runs on.
Conversion convert(const fs::path& fixtures, const fs::path& scratch, const std::string& tag,
                   const std::string& device, const HeldOut& held)
{
    const exl2::JobSettings s = settingsFor(fixtures, scratch, tag, device);
    std::ofstream log(scratch / ("log-" + tag + ".txt"));
    exl2::JobHooks hooks;
    hooks.log = [&](const std::string& line) { log << line << '\n'; };
    Conversion c;
    const auto start = std::chrono::steady_clock::now();
    c.result = exl2::runJob(s, hooks);
    c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    c.measurement = exl2::readMeasurement(fs::path(s.outDir) / "measurement.json");
    const exl2::ModelConfig config = exl2::loadModelConfig(s.compileFull);
    exl2::TransformerModel model = exl2::TransformerModel::load(config, exl2::exl2TensorSource(s.compileFull, config));
    auto cpu = exl2::BackendRegistry::create("cpu");
    c.heldOutPpl = exl2::evaluateNll(model, *cpu, held.ids, held.rows, held.length).perplexity();
    std::printf("      %-6s conversion: %.1f s, %.4f bpw, held-out perplexity %.4f, calibration perplexity %.4f\n",
                device.c_str(), c.seconds, c.result.actualBpw, c.heldOutPpl, c.result.calibrationPerplexity);
    std::fflush(stdout);
    return c;
}

// Largest |accuracy difference| over the option rows of one module; infinite when the rows do not match.
double accuracyDifference(const exl2::MeasuredModule& a, const exl2::MeasuredModule* b)
{
    if (!b || a.options.size() != b->options.size() || a.options.empty())
        return INFINITY;
    double worst = 0;
    for (size_t i = 0; i < a.options.size(); ++i) {
        if (a.options[i].totalBits != b->options[i].totalBits || a.options[i].linears != b->options[i].linears)
            return INFINITY;
        worst = std::max(worst, std::fabs(a.options[i].accuracy - b->options[i].accuracy));
    }
    return worst;
}

double relative(double reference, double other) { return std::fabs(other - reference) / std::fabs(reference); }

}  // namespace

int main()
{
    std::string tried, reason;
    const fs::path fixtures = exl2gpu::findFixtures(tried);
    std::unique_ptr<exl2::Backend> gpu = fixtures.empty() ? nullptr : exl2gpu::openDevice(reason);
    if (fixtures.empty())
        reason = "no fixtures (models/stories260k, data/tinystories_val_sample.txt) in " + tried;
    else if (!gpu)
        reason = "no GPU: " + reason;
    const std::string device = exl2gpu::deviceUnderTest();
    std::vector<std::string> moduleKeys;
    if (!fixtures.empty()) {
        const exl2::ModelConfig config = exl2::loadModelConfig(fixtures / "models" / "stories260k");
        for (int64_t l = 0; l < config.numLayers; ++l)
            for (const char* part : {".self_attn", ".mlp"})
                moduleKeys.push_back("model.layers." + std::to_string(l) + part);
    }
    Conversion cpu, cuda;
    std::vector<Case> cases;
    for (const std::string& key : moduleKeys)
        cases.push_back({"measurement accuracies of " + key, kAccuracyTolerance, [&, key] {
                             const exl2::MeasuredModule* a = cpu.measurement.find(key);
                             return a ? accuracyDifference(*a, cuda.measurement.find(key)) : double(INFINITY);
                         }});
    cases.push_back({"actual bpw equal", kBpwTolerance, [&] { return std::fabs(cuda.result.actualBpw - cpu.result.actualBpw); }});
    cases.push_back({"held-out perplexity (relative)", kPerplexityTolerance,
                     [&] { return relative(cpu.heldOutPpl, cuda.heldOutPpl); }});
    cases.push_back({"calibration perplexity (relative)", kPerplexityTolerance,
                     [&] { return relative(cpu.result.calibrationPerplexity, cuda.result.calibrationPerplexity); }});

    int passed = 0, failed = 0, skipped = 0;
    if (fixtures.empty() || !gpu) {
        for (const Case& c : cases) {
            std::printf("SKIP  %-48s %s\n", c.name.c_str(), reason.c_str());
            ++skipped;
        }
        std::printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
        return exl2gpu::kSkipExitCode;
    }
    std::printf("device under test: %s (%s), reference: cpu; fixtures: %s\n", device.c_str(),
                gpu->info().name.c_str(), fixtures.string().c_str());
    gpu.reset();  // the job opens its own
    std::string error;
    try {
        std::string folder = "pipeline_parity-" + device;  // one per device: CTest may run two at once
        std::replace(folder.begin(), folder.end(), ':', '_');
        const fs::path scratch = exl2gpu::scratchDir(folder);
        const HeldOut held = heldOutRows(fixtures);
        cpu = convert(fixtures, scratch, "reference", "cpu", held);
        cuda = convert(fixtures, scratch, "device", device, held);
    } catch (const std::exception& e) {
        error = e.what();
    }
    for (const Case& c : cases) {
        const double err = error.empty() ? c.error() : INFINITY;
        const bool ok = error.empty() && err <= c.tolerance;
        std::printf("%s  %-48s error %.3g (tolerance %.3g)%s%s\n", ok ? "PASS" : "FAIL", c.name.c_str(), err,
                    c.tolerance, error.empty() ? "" : ": ", error.c_str());
        (ok ? passed : failed)++;
    }
    std::printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed == 0 ? 0 : 1;
}
