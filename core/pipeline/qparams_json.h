// QParams <-> the "QP" objects of measurement.json / job["strategy"], with the reference key order
// (group_size, bits, bits_prop, scale_bits) kept in ordered JSON.
#pragma once

#include "quant/qparams.h"

#include <nlohmann/json.hpp>

namespace exl2 {

nlohmann::ordered_json qparamsToOrderedJson(const QParams& qp);

}  // namespace exl2
