#include "pipeline/stored_costs.h"

#include "pipeline/compile_files.h"
#include "quant/group_schedule.h"
#include "quant/qparams.h"
#include "util/error.h"

#include <map>
#include <string>

namespace exl2 {

namespace {

int64_t padded32(int64_t n) { return (n + 31) / 32 * 32; }

struct LinearShape {
    int64_t k = 0, nPadded = 0, bias = 0;
    uint64_t count = 0;  // linears of the module with this short name (MoE: one w1 per expert)
};

LinearShape linearShape(const SafetensorsReader& tensors, const std::string& key)
{
    const TensorInfo& info = tensors.info(key + ".weight");
    if (info.shape.size() != 2)
        throw Error(ErrorCode::Model, info.file.string() + ": tensor " + key + ".weight: expected a matrix");
    LinearShape s{info.shape[1], padded32(info.shape[0]), 0, 0};
    if (tensors.contains(key + ".bias"))
        s.bias = s.nPadded;
    return s;
}

std::vector<std::string> slotKeys(const ModelConfig& c, size_t slot)
{
    const int layer = int(slot / 2);
    return slot % 2 == 0 ? attentionLinearKeys(c, layer) : feedForwardLinearKeys(c, layer);
}

// Shapes by short name ("q_proj", "w1"); the experts of an MoE module share one entry with a count.
std::map<std::string, LinearShape> linearShapes(const SafetensorsReader& tensors, const std::vector<std::string>& keys)
{
    std::map<std::string, LinearShape> out;
    for (const std::string& key : keys) {
        LinearShape s = linearShape(tensors, key);
        LinearShape& slot = out[key.substr(key.rfind('.') + 1)];
        if (slot.count > 0 && (slot.k != s.k || slot.nPadded != s.nPadded || slot.bias != s.bias))
            throw Error(ErrorCode::Model, tensors.info(key + ".weight").file.string() + ": " + key +
                                              ".weight differs in shape from the other experts'");
        s.count = slot.count + 1;
        slot = s;
    }
    return out;
}

QParams toQParams(const MeasuredQParams& m)
{
    std::vector<int> groupSizes;
    for (int b : m.bits)
        for (const auto& [bits, gs] : m.groupSize)
            if (bits == b)
                groupSizes.push_back(gs);
    return QParams(groupSizes, m.bits, m.bitsProp);
}

}  // namespace

std::vector<uint64_t> moduleNumels(const ModelConfig& c, const SafetensorsReader& tensors)
{
    std::vector<uint64_t> numels;
    for (size_t slot = 0; slot < size_t(2 * c.numLayers); ++slot) {
        uint64_t total = 0;
        for (const std::string& key : slotKeys(c, slot)) {
            const LinearShape s = linearShape(tensors, key);
            total += uint64_t(s.k * s.nPadded);
        }
        numels.push_back(total);
    }
    return numels;
}

void applyStoredCosts(OptimizerProblem& p, const ModelConfig& c, const SafetensorsReader& tensors)
{
    for (size_t i = 0; i < p.moduleSlots.size(); ++i) {
        OptimizerSlot& slot = p.moduleSlots[i];
        const auto shapes = linearShapes(tensors, slotKeys(c, i));
        for (OptionRecord& r : slot.records) {
            uint64_t bits = 0;
            for (const auto& [name, qp] : r.linears) {
                const auto it = shapes.find(name);
                if (it == shapes.end())
                    throw Error(ErrorCode::Model, slot.key + ": the measurement names a linear \"" + name + "\" that " +
                                                      tensors.source().string() + " does not have");
                bits += it->second.count * storedLinearBits(toQParams(qp), it->second.k, it->second.nPadded,
                                                            it->second.bias, slot.key + "." + name);
            }
            r.totalBits = bits;
        }
    }
}

}  // namespace exl2
