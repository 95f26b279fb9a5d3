// Fixed-decimal number text for messages ("3.4886", "2.00"): one helper instead of a local
// ostringstream/snprintf formatter in every file that prints a figure.
#pragma once

#include <string>

namespace exl2 {

// `value` with exactly `decimals` (0..30) digits after the point, as printf("%.*f") prints it; "nan", "inf".
std::string fixedDecimals(double value, int decimals);

}  // namespace exl2
