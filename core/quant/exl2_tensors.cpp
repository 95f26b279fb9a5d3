#include "quant/exl2_tensors.h"

#include "util/error.h"

namespace exl2 {

const Exl2Tensor* Exl2Tensors::find(const std::string& suffix) const
{
    for (const Exl2Tensor& t : tensors)
        if (t.suffix == suffix)
            return &t;
    return nullptr;
}

const Exl2Tensor& Exl2Tensors::at(const std::string& suffix, const std::string& context) const
{
    if (const Exl2Tensor* t = find(suffix))
        return *t;
    throw Error(ErrorCode::Model, context + ": tensor \"" + context + "." + suffix + "\" is missing (§1 lists it)");
}

std::vector<std::string> Exl2Tensors::names(const std::string& key) const
{
    std::vector<std::string> out;
    for (const Exl2Tensor& t : tensors)
        out.push_back(key + "." + t.suffix);
    return out;
}

}  // namespace exl2
