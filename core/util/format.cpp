#include "util/format.h"

#include <algorithm>
#include <charconv>

namespace exl2 {

std::string fixedDecimals(double value, int decimals)
{
    char buf[400];  // 309 integer digits of the largest double, the point and up to 30 decimals
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, std::clamp(decimals, 0, 30));
    return std::string(buf, r.ptr);
}

}  // namespace exl2
