#include "cuda_backend.h"

#include "quant_kernels.h"

#include <algorithm>
#include <limits>

// The GPTQ pass of one layer on the device: upload W (and U unless it is resident), then per group the
// scale search kernels, the column kernel and one cuBLAS SGEMM for the block update of the later rows,
// all queued on one stream with no host round trip; one download of codes, values and scales at the end.
namespace exl2::cuda {

namespace {

// The request must describe consecutive groups covering 0..k at supported widths; anything else goes to
// the CPU path, whose checks report it.
bool validRequest(const LayerQuantRequest& r)
{
    constexpr int64_t intMax = std::numeric_limits<int>::max();
    if (!r.w || r.k <= 0 || r.np <= 0 || r.np % 32 != 0 || r.groupCount <= 0 || !r.groups || r.k > intMax ||
        r.np > intMax)
        return false;
    int64_t next = 0;
    for (int64_t g = 0; g < r.groupCount; ++g) {
        const QuantGroupSpec& s = r.groups[g];
        if (s.firstRow != next || s.rows <= 0 || s.bits < 2 || s.bits > 8 || s.bits == 7)
            return false;
        next += s.rows;
    }
    return next == r.k;
}

}  // namespace

bool CudaBackend::quantizeLayer(const LayerQuantRequest& r, LayerQuantResult& out)
{
    if (!validRequest(r) || !out.codes || !out.qd || !out.qscale || !out.qscaleMax || !out.gridIndex)
        return false;
    const int64_t k = r.k, np = r.np;
    const size_t kn = size_t(k * np);
    const bool gptq = r.u != nullptr;
    int64_t maxRows = 0;
    for (int64_t g = 0; g < r.groupCount; ++g)
        maxRows = std::max(maxRows, r.groups[g].rows);

    m_qW.ensure(kn, "layer weights W (K x N_p)");
    m_qQd.ensure(kn, "dequantized weights (K x N_p)");
    m_qCodes.ensure(kn, "codes (K x N_p)");
    m_qErr.ensure(size_t(maxRows * np), "group errors (group rows x N_p)");
    m_qAcc.ensure(size_t(kGridPoints * np), "scale-search error grid (97 x N_p)");
    m_qBeta.ensure(size_t(np), "base scales");
    m_qScale.ensure(size_t(np), "scales");
    m_qQscale.ensure(size_t(r.groupCount * np), "scale codes (groups x N_p)");
    m_qScaleMax.ensure(size_t(r.groupCount), "group maxima");
    m_qGrid.ensure(size_t(r.groupCount), "grid indices");
    m_qSigma.ensure(1, "group sigma");
    if (gptq && (r.factorId == 0 || r.factorId != m_factorId || k != m_factorK)) {
        m_factorId = 0; // stays invalid if the upload fails half-way
        m_qU.ensure(size_t(k * k), "Hessian inverse factor U (K x K)");
        upload(m_qU.get(), r.u, size_t(k * k));
        m_factorId = r.factorId;
        m_factorK = k;
    }
    upload(m_qW.get(), r.w, kn);

    cudaStream_t stream = m_stream.get();
    for (int64_t g = 0; g < r.groupCount; ++g) {
        const QuantGroupSpec& s = r.groups[g];
        float* wGroup = m_qW.get() + s.firstRow * np;
        const ScaleSearchBuffers buffers{m_qBeta.get(),        m_qSigma.get(),     m_qAcc.get(),
                                         m_qScale.get(),       m_qQscale.get() + g * np,
                                         m_qScaleMax.get() + g, m_qGrid.get() + g};
        launchScaleSearch(wGroup, s.rows, np, s.bits, buffers, stream);
        launchQuantizeGroup(m_qW.get(), m_qQd.get(), m_qCodes.get(), m_qErr.get(), gptq ? m_qU.get() : nullptr, k, np,
                            s.firstRow, s.rows, s.bits, m_qScale.get(), stream);
        EXL2_CUDA(cudaGetLastError());
        const int64_t end = s.firstRow + s.rows;
        if (gptq && end < k) {
            // Row-major W[end:, :] −= U[first:end, end:]ᵀ · E is, column-major, Wᵀ −= Eᵀ · U-block, where the
            // U block (rows × rest, row stride k) reads as a rest × rows column-major matrix to transpose.
            const float minusOne = -1.0f, one = 1.0f;
            EXL2_CUBLAS(cublasSgemm(m_cublas.get(), CUBLAS_OP_N, CUBLAS_OP_T, int(np), int(k - end), int(s.rows),
                                    &minusOne, m_qErr.get(), int(np), m_qU.get() + s.firstRow * k + end, int(k), &one,
                                    m_qW.get() + end * np, int(np)));
        }
    }

    EXL2_CUDA(cudaMemcpyAsync(out.codes, m_qCodes.get(), kn, cudaMemcpyDeviceToHost, stream));
    EXL2_CUDA(cudaMemcpyAsync(out.qscale, m_qQscale.get(), size_t(r.groupCount * np), cudaMemcpyDeviceToHost, stream));
    EXL2_CUDA(cudaMemcpyAsync(out.qscaleMax, m_qScaleMax.get(), size_t(r.groupCount) * sizeof(float),
                              cudaMemcpyDeviceToHost, stream));
    EXL2_CUDA(cudaMemcpyAsync(out.gridIndex, m_qGrid.get(), size_t(r.groupCount) * sizeof(int32_t),
                              cudaMemcpyDeviceToHost, stream));
    download(out.qd, m_qQd.get(), kn);
    return true;
}

}  // namespace exl2::cuda
