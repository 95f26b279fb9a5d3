// summarizeModel(): parameter count, dtype, the RAM/VRAM estimate and the converter's warnings.
#include "model/model_check.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace exl2 {
namespace {

using u64 = uint64_t;

std::string mib(u64 bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", double(bytes) / (1024.0 * 1024.0));
    return buf;
}

std::string dtypeMix(const SafetensorsReader& reader, int64_t& params, int64_t& tensors)
{
    std::map<std::string, u64> bytes;
    for (const auto& name : reader.names()) {
        const TensorInfo& t = reader.info(name);
        params += t.numel();
        ++tensors;
        bytes[dtypeName(t.dtype)] += t.byteSize;
    }
    std::vector<std::pair<u64, std::string>> order;
    for (const auto& [d, b] : bytes)
        order.push_back({b, d});
    std::sort(order.rbegin(), order.rend());
    std::string out;
    for (const auto& [b, d] : order)
        out += (out.empty() ? "" : " + ") + d;
    return out;
}

void dimensionWarnings(const ModelConfig& c, std::vector<std::string>& w)
{
    auto outNote = [&](const std::string& what, int64_t n) {
        if (n % 32 != 0)
            w.push_back(what + " output features " + std::to_string(n) + " are not a multiple of 32: padded to " +
                        std::to_string((n + 31) / 32 * 32) + " with zero rows when quantized");
    };
    auto inNote = [&](const std::string& what, int64_t k) {
        if (k % 32 != 0)
            w.push_back(what + " input features " + std::to_string(k) +
                        " are not a multiple of 32: the last quantization group is a partial tail group of " +
                        std::to_string(k % 32) + " (32-row groups) or " + std::to_string(k % 128) +
                        " (128-row groups) rows");
    };
    const int64_t qRows = c.numHeads * c.headDim, kvRows = c.numKvHeads * c.headDim;
    outNote("q_proj", qRows);
    outNote("k_proj/v_proj", kvRows);
    outNote("o_proj/down_proj", c.hiddenSize);
    outNote(c.isMoe() ? "expert w1/w3" : "gate_proj/up_proj", c.intermediateSize);
    outNote("lm_head", c.vocabSize);
    inNote("q/k/v/gate/up/lm_head", c.hiddenSize);
    if (qRows != c.hiddenSize)
        inNote("o_proj", qRows);
    inNote(c.isMoe() ? "expert w2" : "down_proj", c.intermediateSize);
}

}  // namespace

ModelSummary summarizeModel(const ModelConfig& c, const SafetensorsReader& reader, int64_t rows, int64_t length)
{
    ModelSummary s;
    s.dtype = dtypeMix(reader, s.parameterCount, s.tensorCount);
    s.fileBytes = reader.totalFileBytes();
    s.calibrationRows = rows;
    s.calibrationLength = length;

    const u64 h = u64(c.hiddenSize), inter = u64(c.intermediateSize), vocab = u64(c.vocabSize);
    const u64 qRows = u64(c.numHeads * c.headDim), kvRows = u64(c.numKvHeads * c.headDim);
    const u64 experts = c.isMoe() ? u64(c.numExperts) : 1;
    const u64 tokens = u64(rows) * u64(length);

    // Element counts of one attention block, one MLP block and the head (all layers share the same widths).
    const u64 attnParams = (qRows + 2 * kvRows) * h + h * qRows;
    const u64 mlpParams = experts * 3 * inter * h + (c.isMoe() ? experts * h : 0);
    const u64 headParams = vocab * h;
    const u64 largestLinear = std::max({qRows * h, h * qRows, inter * h, (qRows + 2 * kvRows) * h});
    const u64 widest = std::max({inter, qRows + 2 * kvRows, h});

    // VRAM: the calibration hidden states (fp16, input and output of the current module) stay on the device;
    // one module at a time is loaded, with a Hessian per distinct input and a GPTQ working copy of its largest
    // linear; activations are computed one calibration row at a time.
    const u64 states = tokens * h * 2 * 2;
    const u64 moduleWeights = std::max(attnParams, mlpParams) * 2;
    const u64 hessians = std::max(h * h + qRows * qRows, h * h + inter * inter) * 4 * 2;
    const u64 gptqWork = largestLinear * 4 * 2;
    const u64 rowActivations = u64(length) * (2 * widest + h) * 4 + u64(c.numHeads) * u64(length) * u64(length) * 4;
    const u64 layerStep = moduleWeights + hessians + gptqWork + rowActivations;
    const u64 headStep = headParams * 2 + h * h * 4 * 2 + headParams * 4 * 2 + u64(length) * vocab * 4;
    s.vram.parts = {{"calibration hidden states (fp16, in + out)", states},
                    {layerStep >= headStep ? "largest decoder module step (weights, Hessians, GPTQ, activations)"
                                           : "lm_head step (weights, Hessian, GPTQ, logits of one row)",
                     std::max(layerStep, headStep)}};
    s.vram.totalBytes = states + std::max(layerStep, headStep);

    // RAM: one layer (or the head, if larger) in fp32 while it is processed, the hidden states of every
    // calibration row in fp32 (input and output of the current module), and the mapped weight files.
    const u64 layerFp32 = std::max(attnParams + mlpParams + 4 * h, headParams) * 4;
    const u64 hostStates = tokens * h * 4 * 2;
    s.ram.parts = {{"one layer (or the head) in fp32", layerFp32},
                   {"calibration hidden states (fp32, in + out)", hostStates},
                   {"memory-mapped weight files", s.fileBytes}};
    s.ram.totalBytes = layerFp32 + hostStates + s.fileBytes;

    auto& w = s.warnings;
    dimensionWarnings(c, w);
    if (vocab >= 100000)
        w.push_back("large vocabulary (" + std::to_string(vocab) + "): the lm_head holds " +
                    std::to_string(int(100.0 * double(headParams) / double(std::max<int64_t>(1, s.parameterCount)))) +
                    "% of the parameters and one row's logits need " + mib(u64(length) * vocab * 4));
    if (c.ropeScaling.type != RopeScalingType::None)
        w.push_back(std::string("config.json sets rope_scaling (") + ropeScalingTypeName(c.ropeScaling.type) +
                    (c.ropeScaling.type == RopeScalingType::Dynamic
                         ? "): exllamav2 ignores dynamic scaling, calibration runs unscaled"
                         : "): calibration forward passes apply it as configured"));
    if (length > c.maxPositions)
        w.push_back("calibration length " + std::to_string(length) + " exceeds max_position_embeddings " +
                    std::to_string(c.maxPositions) + ": positions beyond the trained context are used (RoPE models are not clamped)");
    if (length > 2048)
        w.push_back("calibration rows > 2048 tokens may result in excessive VRAM use");
    if (c.tiedEmbeddings && !c.hasLmHeadTensor)
        w.push_back("tied embeddings without lm_head.weight: the head is quantized from model.embed_tokens");
    if (s.dtype.find("F32") != std::string::npos || s.dtype.find("BF16") != std::string::npos)
        w.push_back("weights are stored as " + s.dtype + ": they are converted to FP16, values beyond +-65504 overflow");
    return s;
}

}  // namespace exl2
