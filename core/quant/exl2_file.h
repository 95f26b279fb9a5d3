// EXL2 layer tensors to and from safetensors files: adds "<key>.q_weight" ... to a writer, reads them back
// from a (sharded) reader for the dequantizer. The converter saves each layer this way (format spec §1, §10.1).
#pragma once

#include "io/safetensors.h"
#include "io/safetensors_writer.h"
#include "quant/exl2_reader.h"
#include "quant/exl2_tensors.h"

#include <string>

namespace exl2 {

// Copies every tensor as "<key>.<suffix>".
void addExl2Tensors(SafetensorsWriter& writer, const std::string& key, const Exl2Tensors& tensors);

// True when the reader holds "<key>.q_weight" (how exllamav2 detects an EXL2 layer, §11).
bool hasExl2Tensors(const SafetensorsReader& reader, const std::string& key);

// q_weight, q_invperm, q_scale, q_scale_max, q_groups and, when present, bias. A stored q_perm is ignored
// (the reader derives it, §2.9). Throws Error(Model) naming the missing "<key>.<suffix>".
Exl2Tensors readExl2Tensors(const SafetensorsReader& reader, const std::string& key);

inline DequantizedExl2 dequantizeExl2(const SafetensorsReader& reader, const std::string& key, float prescale = 1.0f)
{
    return dequantizeExl2(readExl2Tensors(reader, key), key, prescale);
}

}  // namespace exl2
