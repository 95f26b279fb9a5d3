#include "backend/backend.h"

#include <algorithm>
#include <cmath>

namespace exl2 {

// Reversing the index order (J·h·J, J the exchange matrix) turns "upper factor of h⁻¹" into a lower
// Cholesky plus a triangular inverse: J·h·J = L·Lᵀ gives h = R·Rᵀ with R = J·L·J upper, so
// h⁻¹ = R⁻ᵀ·R⁻¹ and U = R⁻¹ = J·L⁻¹·J. Two O(n³/3) steps instead of Cholesky, inverse and Cholesky again.
bool Backend::upperCholeskyOfInverse(float* h, int64_t n)
{
    const int64_t count = n * n;
    std::reverse(h, h + count); // row-major reversal maps (i, j) to (n−1−i, n−1−j)
    if (!choleskyLower(h, n))
        return false;
    invertLowerTriangular(h, n);
    std::reverse(h, h + count);
    for (int64_t i = 0; i < count; ++i)
        if (!std::isfinite(h[i]))
            return false;
    return true;
}

}  // namespace exl2
