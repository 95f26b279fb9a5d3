// compile: the EXL2 model from the source's unquantized tensors (fp16) and out_tensor/*.safetensors,
// in module order, greedily cut into shards of at most -ss MiB (reference 7.1-7.3, format spec 10).
#include "io/safetensors_writer.h"
#include "pipeline/compile_files.h"
#include "pipeline/stages.h"
#include "util/error.h"

#include <cstdio>

namespace exl2 {
namespace fs = std::filesystem;

namespace {

struct PendingTensor {
    std::string name;
    std::function<void(SafetensorsWriter&)> add;
    uint64_t bytes = 0;
};

class TensorCollector {
public:
    explicit TensorCollector(const SourceModel& model) : m_model(model) {}

    // An unquantized source tensor, written as fp16 (reference 7.1).
    void plain(const std::string& name)
    {
        if (name.empty() || !m_model.tensors().contains(name))
            return;
        const TensorInfo& info = m_model.tensors().info(name);
        const SafetensorsReader* reader = &m_model.tensors();
        m_items.push_back({name, [reader, name, shape = info.shape](SafetensorsWriter& w) {
                               const std::vector<float> v = reader->toFloat(name);
                               w.addFloats(name, DType::F16, shape, v);
                           },
                           uint64_t(info.numel()) * 2});
    }
    void plainWeightAndBias(const std::string& key)
    {
        if (key.empty())
            return;
        plain(key + ".weight");
        plain(key + ".bias");
    }
    // The packed tensors of one quantized linear, from its out_tensor file.
    void quantized(const fs::path& outTensorDir, const std::string& key, DecoderBits* bits)
    {
        const fs::path file = outTensorDir / (key + ".safetensors");
        auto reader = std::make_shared<SafetensorsReader>(SafetensorsReader::open(file));
        for (const std::string& name : reader->names()) {
            const TensorInfo& info = reader->info(name);
            if (bits)
                bits->addTensor(name, info);
            m_items.push_back({name, [reader, name](SafetensorsWriter& w) {
                                   const TensorInfo& i = reader->info(name);
                                   w.add(name, i.dtype, i.shape, reader->raw(name));
                               },
                               info.byteSize});
        }
    }
    std::vector<PendingTensor>& items() { return m_items; }

private:
    const SourceModel& m_model;
    std::vector<PendingTensor> m_items;
};

std::string shardName(size_t i, size_t n)
{
    if (n == 1)
        return "output.safetensors";
    char buf[64];
    std::snprintf(buf, sizeof buf, "output-%05zu-of-%05zu.safetensors", i + 1, n);
    return buf;
}

}  // namespace

void stageCompile(JobContext& ctx, SourceModel& model, JobResult& result)
{
    const JobSettings& s = ctx.settings();
    const ModelConfig& c = model.config();
    const fs::path outTensors = ctx.outDir() / "out_tensor";
    TensorCollector col(model);
    DecoderBits bits;
    col.plain(c.embedTokens + ".weight");
    for (const ModuleRef& m : model.modules()) {
        if (m.kind == ModuleKind::Attention) {
            const LayerKeys& k = c.layers.at(size_t(m.layer));
            col.plainWeightAndBias(k.attnNorm);
            col.plainWeightAndBias(k.attnPostNorm);
            for (const std::string& lin : attentionLinearKeys(c, m.layer))
                col.quantized(outTensors, lin, &bits);
            col.plainWeightAndBias(k.qNorm);
            col.plainWeightAndBias(k.kNorm);
        } else if (m.kind == ModuleKind::Mlp) {
            const LayerKeys& k = c.layers.at(size_t(m.layer));
            col.plainWeightAndBias(k.mlpNorm);
            col.plainWeightAndBias(k.mlpPostNorm);
            for (const std::string& lin : mlpLinearKeys(c, m.layer))
                col.quantized(outTensors, lin, &bits);
        } else if (m.kind == ModuleKind::Moe) {
            // Reference 7.1: norm, the router unquantized (fp16), then w1, w3, w2 of each expert.
            const LayerKeys& k = c.layers.at(size_t(m.layer));
            col.plainWeightAndBias(k.mlpNorm);
            col.plainWeightAndBias(k.mlpPostNorm);
            col.plain(k.router + ".weight");
            for (const std::string& lin : moeLinearKeys(c, m.layer))
                col.quantized(outTensors, lin, &bits);
        } else if (m.kind == ModuleKind::FinalNorm) {
            col.plainWeightAndBias(c.finalNorm);
        } else if (m.kind == ModuleKind::Head) {
            col.quantized(outTensors, "lm_head", nullptr);
        }
    }

    // Greedy cut in module order (the reference's first-fit differs only when one tensor exceeds the limit).
    const uint64_t limit = uint64_t(s.shardSizeMiB * 1024.0 * 1024.0);
    std::vector<std::vector<size_t>> shards(1);
    uint64_t current = 0;
    for (size_t i = 0; i < col.items().size(); ++i) {
        const uint64_t b = col.items()[i].bytes;
        if (b > limit)
            throw Error(ErrorCode::InvalidArgument, "Error: Unable to fit output tensor in single shard. (" +
                                                        col.items()[i].name + " needs " + std::to_string(b) +
                                                        " bytes, -ss allows " + std::to_string(limit) + ")");
        if (current + b > limit && !shards.back().empty()) {
            shards.emplace_back();
            current = 0;
        }
        shards.back().push_back(i);
        current += b;
    }

    const fs::path dest = s.compileFull.empty() ? ctx.outDir() : fs::path(s.compileFull);
    if (!s.compileFull.empty() && !fs::exists(dest)) {
        ctx.log(" -- Creating directory " + dest.string());
        fs::create_directories(dest);
    }
    uint64_t total = 0;
    if (shards.size() > 1)
        ctx.log(" -- Saved model weights:");
    ctx.beginSteps(JobStage::Compile, 0, int(shards.size()));
    for (size_t n = 0; n < shards.size(); ++n) {
        ctx.checkCancel();
        SafetensorsWriter w;
        w.setMetadata({});
        for (size_t i : shards[n])
            col.items()[i].add(w);
        const fs::path file = ctx.work().own(dest / shardName(n, shards.size()));
        ctx.log(" -- Writing shard " + std::to_string(n + 1) + "...");
        w.write(file);
        const uint64_t size = fs::file_size(file);
        total += size;
        char line[512];
        std::snprintf(line, sizeof line, " --   %s (%.2f MB)", file.string().c_str(), double(size) / 1048576.0);
        ctx.log(line);
        ctx.stepDone();
    }
    if (!s.compileFull.empty())
        copyModelFiles(ctx, model.dir(), dest);
    result.outputDir = dest.string();
    result.bytesOnDisk = total;
    result.actualBpw = bits.bpw();
    ctx.log(" -- Decoder bits per weight (as compiled): " + std::to_string(result.actualBpw));
}

}  // namespace exl2
