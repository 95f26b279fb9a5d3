#include "quant/exl2_file.h"

#include "util/error.h"

namespace exl2 {

void addExl2Tensors(SafetensorsWriter& writer, const std::string& key, const Exl2Tensors& tensors)
{
    for (const Exl2Tensor& t : tensors.tensors)
        writer.add(key + "." + t.suffix, t.dtype, t.shape, t.bytes);
}

bool hasExl2Tensors(const SafetensorsReader& reader, const std::string& key)
{
    return reader.contains(key + ".q_weight");
}

Exl2Tensors readExl2Tensors(const SafetensorsReader& reader, const std::string& key)
{
    Exl2Tensors out;
    for (const char* suffix : {"q_weight", "q_invperm", "q_scale", "q_scale_max", "q_groups", "bias"}) {
        const std::string name = key + "." + suffix;
        if (!reader.contains(name)) {
            if (std::string(suffix) == "bias")
                continue;
            throw Error(ErrorCode::Model, "EXL2 layer \"" + key + "\": tensor \"" + name + "\" is missing");
        }
        const TensorInfo& info = reader.info(name);
        const auto raw = reader.raw(name);
        out.tensors.push_back({suffix, info.dtype, info.shape, std::vector<uint8_t>(raw.begin(), raw.end())});
    }
    return out;
}

}  // namespace exl2
