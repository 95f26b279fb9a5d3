#include "forward/tensor_source.h"

#include "io/safetensors.h"

namespace exl2 {

TensorSource safetensorsSource(std::shared_ptr<const SafetensorsReader> reader)
{
    TensorSource s;
    s.contains = [reader](const std::string& name) { return reader->contains(name); };
    s.load = [reader](const std::string& name, std::vector<int64_t>& shape) {
        shape = reader->info(name).shape;
        return reader->toFloat(name);
    };
    return s;
}

}  // namespace exl2
