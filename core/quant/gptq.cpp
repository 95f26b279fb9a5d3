#include "quant/gptq.h"

#include "quant/exl2_reader.h"
#include "quant/fp16_round.h"
#include "quant/group_schedule.h"
#include "quant/packing.h"
#include "quant/parallel.h"
#include "util/error.h"

#include <chrono>
#include <cmath>

namespace exl2 {

namespace {

constexpr int64_t kColumnChunk = 512;   // columns per work item: a 128-row group chunk stays in L2
constexpr int64_t kTransposeBlock = 32; // stored rows per block of the (un)permuting transposes

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// q = clamp(rint(f32(w/s)) + z, 0, maxq) (§2.4) and (q − z)·s before fp16 rounding. A zero scale (fp16
// underflow of an all-zero group) codes every weight as the zero point.
__attribute__((target_clones("avx2", "default"))) void codeRow(const float* w, const float* scale, float zero,
                                                                float maxq, int64_t n, uint8_t* codes, float* qd)
{
    for (int64_t c = 0; c < n; ++c) {
        const float s = scale[c];
        float q = s != 0.0f ? __builtin_rintf(w[c] / s) + zero : zero;
        q = q < 0.0f ? 0.0f : (q > maxq ? maxq : q);
        codes[c] = uint8_t(int(q));
        qd[c] = (q - zero) * s;
    }
}

__attribute__((target_clones("avx2", "default"))) void axpyRow(float a, const float* x, float* y, int64_t n)
{
    for (int64_t c = 0; c < n; ++c)
        y[c] += a * x[c];
}

struct GroupJob {
    const QuantGroup* group;
    const GroupScales* scales;
    const PreparedHessian* hessian;
    bool gptq;
    int64_t np;
};

// §6.3 step 2 for columns [c0, c1) of one group: code, dequantize, error, and feedback into the group's
// later rows. Columns are independent here, so chunks run in parallel.
void quantizeGroupColumns(const GroupJob& job, GptqWorkspace& ws, int64_t c0, int64_t c1)
{
    const QuantGroup& g = *job.group;
    const int64_t np = job.np;
    const int64_t k = job.hessian->k;
    const float zero = float(1 << (g.bits - 1));
    const float maxq = float((1 << g.bits) - 1);
    const float* scale = job.scales->scale.data();
    for (int64_t lr = 0; lr < g.rows; ++lr) {
        const int64_t row = g.firstRow + lr;
        float* w = ws.w.data() + row * np;
        float* qd = ws.qd.data() + row * np;
        uint8_t* codes = ws.codes.data() + row * np;
        codeRow(w + c0, scale + c0, zero, maxq, c1 - c0, codes + c0, qd + c0);
        roundToHalfInPlace(qd + c0, c1 - c0); // Qd = fp16((q − z)·s)
        if (!job.gptq)
            continue;
        const float* u = job.hessian->u.data() + row * k;
        const float diag = u[row];
        float* e = ws.err.data() + lr * np;
        for (int64_t c = c0; c < c1; ++c)
            e[c] = (w[c] - qd[c]) / diag; // E = (W − Qd) / U[c][c] (§6.3)
        for (int64_t r = lr + 1; r < g.rows; ++r) { // row `row` itself is never read again
            const float f = u[g.firstRow + r];
            float* wr = ws.w.data() + (g.firstRow + r) * np;
            axpyRow(-f, e + c0, wr + c0, c1 - c0);
        }
    }
}

// Packing, the HF-layout dequantized copy and the self-check (§6.6), after either quantization path.
void finishLinear(const GroupSchedule& schedule, const PreparedHessian& hessian, const QParams& qp, int64_t n,
                  const float* bias, const QuantizeOptions& options, GptqWorkspace& ws, Exl2Codes& packedIn,
                  QuantizedLinear& out)
{
    const std::string& layer = hessian.layerName;
    const int64_t k = hessian.k;
    const int64_t np = packedIn.nPadded;
    packedIn.codes = ws.codes; // packExl2 reads codes in stored-row order
    packedIn.invperm = hessian.invperm;
    if (bias) {
        packedIn.bias.assign(static_cast<size_t>(np), 0.0f);
        std::copy_n(bias, n, packedIn.bias.begin());
    }
    out.packed = packExl2(schedule, packedIn);
    out.totalBits = qp.totalBits(k, np, bias ? std::optional<int64_t>(np) : std::nullopt);
    out.bpw = qp.bpw(k, np, bias ? std::optional<int64_t>(np) : std::nullopt);

    // Qd back to the HF layout: out[c][perm[s]] = Qd[s][c] (§3 step 6).
    out.dequantized.resize(static_cast<size_t>(n * k));
    for (int64_t s0 = 0; s0 < k; s0 += kTransposeBlock) {
        const int64_t s1 = std::min(k, s0 + kTransposeBlock);
        for (int64_t c = 0; c < n; ++c) {
            float* dst = out.dequantized.data() + c * k;
            for (int64_t s = s0; s < s1; ++s)
                dst[hessian.perm[s]] = ws.qd[s * np + c];
        }
    }

    if (options.selfCheck) { // §6.6 diff1: the stored tensors must rebuild exactly what GPTQ computed
        const DequantizedExl2 check = dequantizeExl2(out.packed, layer);
        double diff = 0.0;
        for (int64_t c = 0; c < np; ++c)
            for (int64_t i = 0; i < k; ++i) {
                const float expect = c < n ? out.dequantized[c * k + i] : 0.0f;
                diff = std::max(diff, double(std::fabs(check.weight[c * k + i] - expect)));
            }
        out.selfCheckMaxDiff = diff;
        if (diff > 0.05)
            throw Error(ErrorCode::Numerical, layer + ": self-check failed, packed weights differ from the "
                                                      "quantized ones by " + std::to_string(diff) + " (limit 0.05)");
        if (diff > 0.01 && options.log)
            options.log(layer + ": self-check difference " + std::to_string(diff) + " exceeds 0.01");
    }
}

// The whole group loop as one backend op (a GPU keeps W, U and the errors on the device). False when the
// backend has no such op: the caller runs the CPU loop, which gives the reference results.
bool quantizeOnBackend(Backend& backend, const GroupSchedule& schedule, const PreparedHessian& hessian, bool gptq,
                       int64_t np, GptqWorkspace& ws, Exl2Codes& packedIn, QuantizedLinear& out)
{
    std::vector<QuantGroupSpec> groups;
    for (const QuantGroup& g : schedule.groups)
        groups.push_back({g.firstRow, g.rows, g.bits});
    std::vector<float> qscaleMax(groups.size());
    std::vector<int32_t> gridIndex(groups.size());
    LayerQuantRequest request;
    request.w = ws.w.data();
    request.k = hessian.k;
    request.np = np;
    request.u = gptq ? hessian.u.data() : nullptr;
    request.factorId = gptq ? hessian.factorId : 0;
    request.groups = groups.data();
    request.groupCount = int64_t(groups.size());
    LayerQuantResult result{ws.codes.data(), ws.qd.data(), packedIn.qscale.data(), qscaleMax.data(), gridIndex.data()};
    if (!backend.quantizeLayer(request, result))
        return false; // scaleSearchSeconds stays 0: on a device the search is interleaved with GPTQ
    packedIn.qscaleMax = std::move(qscaleMax);
    out.gridIndex.assign(gridIndex.begin(), gridIndex.end());
    return true;
}

}  // namespace

bool headUsesRoundToNearest(const std::string& key, int64_t k, int64_t nPadded)
{
    return key == "lm_head" && double(k) * double(nPadded) > 1e9;
}

QuantizedLinear quantizeLinear(Backend& backend, const float* weight, int64_t n, int64_t k, const float* bias,
                               const PreparedHessian& hessian, const QParams& qp, const QuantizeOptions& options,
                               GptqWorkspace* workspace)
{
    const std::string& layer = hessian.layerName;
    if (n <= 0 || k <= 0 || hessian.k != k || int64_t(hessian.perm.size()) != k)
        throw Error(ErrorCode::InvalidArgument, layer + ": weight is " + std::to_string(n) + "×" + std::to_string(k) +
                                                    " but the prepared Hessian has K = " + std::to_string(hessian.k));
    const bool gptq = !options.roundToNearest;
    if (gptq && (!hessian.hasFactor || int64_t(hessian.u.size()) != k * k))
        throw Error(ErrorCode::InvalidArgument, layer + ": GPTQ needs a Hessian prepared with its inverse factor");
    const GroupSchedule schedule = makeGroupSchedule(qp, k, layer);
    const int64_t np = (n + 31) / 32 * 32;

    GptqWorkspace local;
    GptqWorkspace& ws = workspace ? *workspace : local;
    ws.w.resize(static_cast<size_t>(k * np));
    ws.qd.resize(static_cast<size_t>(k * np));
    ws.codes.resize(static_cast<size_t>(k * np));

    // W = fp16(weightᵀ) permuted to stored rows, zero-padded to N_p columns (§6.2 step 1, §2.1).
    // Blocks of stored rows keep the gather inside a few cache lines of each weight row.
    for (int64_t s0 = 0; s0 < k; s0 += kTransposeBlock) {
        const int64_t s1 = std::min(k, s0 + kTransposeBlock);
        for (int64_t c = 0; c < n; ++c) {
            const float* src = weight + c * k;
            for (int64_t s = s0; s < s1; ++s)
                ws.w[s * np + c] = src[hessian.perm[s]];
        }
    }
    for (int64_t s = 0; s < k; ++s) {
        float* dst = ws.w.data() + s * np;
        std::fill(dst + n, dst + np, 0.0f);
        if (options.halfWeights)
            roundToHalfInPlace(dst, n);
        for (int64_t c = 0; c < n; ++c)
            if (!std::isfinite(dst[c]))
                throw Error(ErrorCode::Numerical, layer + ": weight [" + std::to_string(c) + "][" +
                                                      std::to_string(hessian.perm[s]) + "] is not finite" +
                                                      (options.halfWeights ? " in fp16" : ""));
    }

    QuantizedLinear out;
    Exl2Codes packedIn;
    packedIn.nPadded = np;
    packedIn.qscale.resize(schedule.groups.size() * static_cast<size_t>(np));
    if (quantizeOnBackend(backend, schedule, hessian, gptq, np, ws, packedIn, out)) {
        finishLinear(schedule, hessian, qp, n, bias, options, ws, packedIn, out);
        return out;
    }
    for (const QuantGroup& g : schedule.groups) {
        const auto t0 = std::chrono::steady_clock::now();
        findParams(ws.w.data() + g.firstRow * np, g.rows, np, np, g.bits, ws.scales);
        out.scaleSearchSeconds += secondsSince(t0);
        out.gridIndex.push_back(ws.scales.gridIndex);
        packedIn.qscaleMax.push_back(ws.scales.qscaleMax);
        std::copy(ws.scales.qscale.begin(), ws.scales.qscale.end(),
                  packedIn.qscale.begin() + int64_t(out.gridIndex.size() - 1) * np);

        if (gptq)
            ws.err.resize(static_cast<size_t>(g.rows * np));
        const GroupJob job{&g, &ws.scales, &hessian, gptq, np};
        const int64_t chunks = (np + kColumnChunk - 1) / kColumnChunk;
        parallelForEach(chunks, [&](int64_t i) {
            quantizeGroupColumns(job, ws, i * kColumnChunk, std::min(np, (i + 1) * kColumnChunk));
        });

        // §6.3 step 3: W[b:, :] −= U[a:b, b:]ᵀ · E[a:b, :].
        const int64_t end = g.firstRow + g.rows;
        if (gptq && end < k) {
            const int64_t rest = k - end;
            ws.ublock.resize(static_cast<size_t>(g.rows * rest));
            for (int64_t r = 0; r < g.rows; ++r)
                std::copy_n(hessian.u.data() + (g.firstRow + r) * k + end, rest, ws.ublock.data() + r * rest);
            backend.gemm(true, false, rest, np, g.rows, -1.0f, ws.ublock.data(), ws.err.data(), 1.0f,
                         ws.w.data() + end * np);
        }
    }

    finishLinear(schedule, hessian, qp, n, bias, options, ws, packedIn, out);
    return out;
}

}  // namespace exl2
