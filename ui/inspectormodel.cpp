#include "inspectormodel.h"

#include "io/safetensors.h"
#include "model/model_config.h"
#include "optimize/measurement_json.h"
#include "pipeline/stored_costs.h"
#include "quant/group_schedule.h"
#include "quant/qparams.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <regex>

namespace exl2 {

namespace {

int64_t padded32(int64_t n) { return (n + 31) / 32 * 32; }

uint64_t tensorBytesFp16(const SafetensorsReader& r, const std::string& key)
{
    uint64_t bytes = 0;
    if (key.empty())
        return 0;
    for (const char* suffix : {".weight", ".bias"})
        if (r.contains(key + suffix))
            bytes += uint64_t(r.info(key + suffix).numel()) * 2;
    return bytes;
}

void applyModel(InspectorInput& in)
{
    const ModelConfig c = loadModelConfig(in.modelDir);
    const SafetensorsReader r = SafetensorsReader::open(in.modelDir);
    if (in.problem.moduleSlots.size() != size_t(2 * c.numLayers))
        throw Error(ErrorCode::Model, in.measurementPath.string() + ": has " +
                                          std::to_string(in.problem.moduleSlots.size()) +
                                          " attention/MLP modules, but " + (in.modelDir / "config.json").string() +
                                          " declares " + std::to_string(c.numLayers) + " layers (expected " +
                                          std::to_string(2 * c.numLayers) + "): is this the measured model?");
    InspectorSizes& z = in.sizes;
    z.haveModel = true;
    const std::vector<uint64_t> numels = moduleNumels(c, r);
    z.decoderNumel = 0;
    for (size_t i = 0; i < in.problem.moduleSlots.size(); ++i) {
        in.problem.moduleSlots[i].numel = in.reference.moduleSlots[i].numel = numels[i];
        z.decoderNumel += numels[i];
    }
    applyStoredCosts(in.problem, c, r);
    const TensorInfo& embed = r.info(c.embedTokens + ".weight");
    z.embeddingBytes = uint64_t(embed.numel()) * 2;
    z.normBytes = tensorBytesFp16(r, c.finalNorm);
    for (const LayerKeys& k : c.layers)
        for (const std::string* key : {&k.attnNorm, &k.attnPostNorm, &k.qNorm, &k.kNorm, &k.mlpNorm, &k.mlpPostNorm})
            z.normBytes += tensorBytesFp16(r, *key);
    z.headK = c.hiddenSize;
    z.headN = padded32(c.vocabSize);
    z.layers = c.numLayers;
    z.hidden = c.hiddenSize;
    z.intermediate = c.intermediateSize;
    z.vocab = c.vocabSize;
    z.kvHeads = c.numKvHeads;
    z.headDim = c.headDim;
}

}  // namespace

uint64_t InspectorSizes::headBytes(int headBits) const
{
    if (!haveModel)
        return 0;
    return storedLinearBits(qparamsHead(headBits), headK, headN, 0, "lm_head") / 8;
}

uint64_t InspectorSizes::fixedBytes(int headBits) const { return embeddingBytes + normBytes + headBytes(headBits); }

uint64_t InspectorSizes::fileBytes(double bpw, int headBits) const
{
    return uint64_t(double(decoderNumel) * bpw / 8.0) + fixedBytes(headBits);
}

double InspectorSizes::bpwForFileBytes(double bytes, int headBits) const
{
    return decoderNumel ? (bytes - double(fixedBytes(headBits))) * 8.0 / double(decoderNumel) : 0.0;
}

uint64_t InspectorSizes::cacheBytes(int64_t contextLength) const
{
    // fp16 keys and values of every layer for one sequence of contextLength tokens.
    return uint64_t(2 * layers * contextLength * kvHeads * headDim * 2);
}

uint64_t InspectorSizes::scratchBytes(int64_t contextLength) const
{
    // One forward chunk of up to 2048 tokens: fp32 logits plus fp16 hidden and MLP intermediates (x2).
    const int64_t chunk = std::min<int64_t>(contextLength, 2048);
    return uint64_t(chunk * (vocab * 4 + (2 * hidden + 2 * intermediate) * 2));
}

uint64_t InspectorSizes::vramBytes(double bpw, int headBits, int64_t contextLength) const
{
    return fileBytes(bpw, headBits) + cacheBytes(contextLength) + scratchBytes(contextLength);
}

double InspectorSizes::bpwForVramBytes(double bytes, int headBits, int64_t contextLength) const
{
    return bpwForFileBytes(bytes - double(cacheBytes(contextLength) + scratchBytes(contextLength)), headBits);
}

InspectorInput loadInspectorInput(const std::filesystem::path& measurementPath, const std::filesystem::path& modelDir)
{
    InspectorInput in;
    in.measurementPath = measurementPath;
    in.modelDir = modelDir;
    in.measurement = readMeasurement(measurementPath);
    if (modelDir.empty()) {
        in.reference = buildProblem(in.measurement);  // weight counts recovered from the options' costs
        in.problem = in.reference;
        in.sizes.decoderNumel = in.problem.numel();
        return in;
    }
    // Counts come from the model below; placeholders keep buildProblem from deriving them.
    size_t slots = 0;
    for (const MeasuredModule& m : in.measurement.modules)
        slots += m.kind == MeasuredKind::None ? 0 : m.kind == MeasuredKind::ParallelDecoder ? 2 : 1;
    in.reference = buildProblem(in.measurement, std::vector<uint64_t>(slots, 1));
    in.problem = in.reference;
    applyModel(in);
    return in;
}

int inspectorLayerOf(const std::string& key)
{
    static const std::regex re(R"(layers\.(\d+)\.)");
    std::smatch m;
    return std::regex_search(key, m, re) ? std::stoi(m[1].str()) : -1;
}

bool inspectorIsAttention(const std::string& key) { return key.find("attn") != std::string::npos; }

}  // namespace exl2
