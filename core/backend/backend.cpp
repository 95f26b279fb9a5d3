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

// No accelerated versions here: callers run the CPU reference code (see backend.h).
bool Backend::rmsNorm(const float*, float*, int64_t, int64_t, const float*, double, double) { return false; }
bool Backend::swiglu(float*, const float*, int64_t) { return false; }
bool Backend::rope(float*, const RopeShape&, const float*, const float*) { return false; }
bool Backend::attention(const AttentionShape&, const float*, const float*, const float*, float*) { return false; }
bool Backend::routeTopK(const float*, int64_t, int64_t, int64_t, int32_t*, float*) { return false; }
bool Backend::quantizeLayer(const LayerQuantRequest&, LayerQuantResult&) { return false; }

}  // namespace exl2
