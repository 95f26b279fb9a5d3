#include "pipeline/qparams_json.h"

namespace exl2 {

nlohmann::ordered_json qparamsToOrderedJson(const QParams& qp)
{
    nlohmann::ordered_json gs = nlohmann::ordered_json::object();
    for (int b : qp.bits)
        gs[std::to_string(b)] = qp.groupSize.at(b);
    nlohmann::ordered_json j;
    j["group_size"] = gs;
    j["bits"] = qp.bits;
    j["bits_prop"] = qp.bitsProp;
    j["scale_bits"] = qp.scaleBits;
    return j;
}

}  // namespace exl2
