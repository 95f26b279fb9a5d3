// The GPU benchmark (CTest labels bench;gpu): a synthetic Llama model of Llama-2-7B widths measured and
// quantized layer by layer on the CUDA backend the way the pipeline does it. Prints per-stage seconds per
// layer, the achieved TFLOP/s of the GEMM-heavy ops against cuBLAS's own SGEMM peak measured in the same
// run, and the device memory in use after one layer and after N layers. Without a GPU: one line, exit 77.
#include "backend/registry.h"
#include "bench_layer.h"
#include "gpu_support.h"
#include "synthetic_model.h"
#include "util/error.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using exl2gpu::BackendStats;
using exl2gpu::OpStats;

double mib(uint64_t bytes) { return double(bytes) / (1024.0 * 1024.0); }

uint64_t usedBytes(const exl2::Backend& backend)
{
    const exl2::DeviceInfo d = backend.info();
    return d.totalMemory - d.freeMemory;
}

void printOp(const char* name, const OpStats& s, double peakTflops)
{
    if (s.calls == 0)
        return;
    if (s.flops > 0)
        std::printf("   %-26s %8lld calls %9.2f s %10.2f TFLOP %8.2f TFLOP/s %6.1f%% of peak\n", name,
                    (long long)s.calls, s.seconds, s.flops / 1e12, s.tflops(), 100.0 * s.tflops() / peakTflops);
    else
        std::printf("   %-26s %8lld calls %9.2f s\n", name, (long long)s.calls, s.seconds);
}

void printStats(const char* title, const BackendStats& s, double peakTflops)
{
    std::printf(" %s\n", title);
    printOp("gemm (2mnk)", s.gemm, peakTflops);
    printOp("accumulateGram (SYRK)", s.gram, peakTflops);
    printOp("attention (QK^T, PV)", s.attention, peakTflops);
    printOp("quantizeLayer (GPTQ upd.)", s.quantize, peakTflops);
    printOp("Hessian factor", s.factor, peakTflops);
    printOp("norm/rope/swiglu", s.elementwise, peakTflops);
    printOp("GEMM-heavy ops together", s.gemmHeavy(), peakTflops);
}

// The backend's gemm on host matrices, one warm-up then one timed call (CPU self-test peak, and the
// figure with host copies for CUDA).
exl2::GemmPeak hostGemmPeak(exl2::Backend& backend, int64_t n)
{
    const size_t count = size_t(n) * size_t(n);
    std::vector<float> a(count, 0.0115f), b(count, 0.0115f), c(count);
    backend.gemm(false, false, n, n, n, 1.0f, a.data(), b.data(), 0.0f, c.data());
    const auto t0 = std::chrono::steady_clock::now();
    backend.gemm(false, false, n, n, n, 1.0f, a.data(), b.data(), 0.0f, c.data());
    exl2::GemmPeak p;
    p.n = n;
    p.repeats = 1;
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    p.tflops = 2.0 * double(n) * double(n) * double(n) / p.seconds / 1e12;
    p.precision = "fp32 (Backend::gemm on host matrices)";
    return p;
}

int run()
{
    const int64_t layers = exl2gpu::envInt("EXL2_BENCH_GPU_LAYERS", 2, 1, 32);
    const int64_t rows = exl2gpu::envInt("EXL2_BENCH_GPU_ROWS", 4, 1, 256);
    const int64_t length = exl2gpu::envInt("EXL2_BENCH_GPU_LENGTH", 512, 16, 4096);
    const int64_t budget = exl2gpu::envInt("EXL2_BENCH_GPU_BUDGET_S", 200, 1, 36000);
    const int64_t peakN = exl2gpu::envInt("EXL2_BENCH_GPU_PEAK_N", 8192, 256, 16384);
    exl2gpu::SyntheticShape shape;  // Llama-2-7B widths unless asked otherwise (smaller: a quick self-test)
    shape.layers = layers;
    shape.hidden = exl2gpu::envInt("EXL2_BENCH_GPU_HIDDEN", shape.hidden, shape.headDim, 65536);
    shape.intermediate = exl2gpu::envInt("EXL2_BENCH_GPU_INTERMEDIATE", shape.intermediate, 32, 262144);
    if (shape.hidden % shape.headDim != 0)
        throw exl2::Error(exl2::ErrorCode::InvalidArgument, "EXL2_BENCH_GPU_HIDDEN=" + std::to_string(shape.hidden) +
                                                                ": expected a multiple of the head dimension " +
                                                                std::to_string(shape.headDim));
    shape.heads = shape.kvHeads = shape.hidden / shape.headDim;
    const std::string deviceId = exl2gpu::deviceUnderTest();
    const bool cuda = deviceId.rfind("cuda", 0) == 0;
    std::string reason;
    std::unique_ptr<exl2::Backend> gpu = exl2gpu::openDevice(reason);
    if (!gpu) {
        std::printf("SKIP  bench_gpu: no GPU: %s\n", reason.c_str());
        return exl2gpu::kSkipExitCode;
    }
    const exl2::DeviceInfo device = gpu->info();
    const uint64_t baseline = usedBytes(*gpu);
    std::printf("device: %s (%s), %.0f MiB, %.0f MiB in use before the benchmark\n", device.name.c_str(),
                deviceId.c_str(), mib(device.totalMemory), mib(baseline));
    std::printf("model: synthetic Llama, hidden %lld, intermediate %lld, %lld heads x %lld, %lld layers; "
                "%lld rows x %lld tokens\n",
                (long long)shape.hidden, (long long)shape.intermediate, (long long)shape.heads,
                (long long)shape.headDim, (long long)layers, (long long)rows, (long long)length);

    // cuBLAS's own SGEMM on device-resident operands, with the backend's math mode (freed afterwards). The
    // CPU (self-test) has no such thing: its peak is its own gemm.
    exl2::GemmPeak peak;
    try {
        peak = cuda ? exl2::BackendRegistry::cudaGemmPeak(deviceId, peakN, 10) : hostGemmPeak(*gpu, peakN);
    } catch (const exl2::Error& e) {  // still worth the other figures: compare with the host-copy GEMM instead
        std::printf("peak: the device-resident SGEMM failed (%s); using Backend::gemm with host copies (its "
                    "buffers then count in the memory figures)\n",
                    e.what());
        peak = hostGemmPeak(*gpu, peakN);
    }
    std::printf("peak: %lld^3 SGEMM x %d: %.2f TFLOP/s, precision %s\n", (long long)peak.n,
                peak.repeats, peak.tflops, peak.precision.c_str());
    std::fflush(stdout);

    exl2::TransformerModel model =
        exl2::TransformerModel::load(exl2gpu::syntheticConfig(shape), exl2gpu::syntheticSource(shape));
    exl2::HiddenStates states = exl2gpu::syntheticStates(rows, length, shape.hidden, 1);
    exl2gpu::TimedBackend timed(*gpu);
    std::vector<exl2gpu::LayerResult> results;
    std::vector<uint64_t> usedAfter;
    const auto start = std::chrono::steady_clock::now();
    auto say = [](const std::string& line) {
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    };
    for (int64_t l = 0; l < layers; ++l) {
        results.push_back(exl2gpu::benchLayer(model, timed, int(l), states, say));
        usedAfter.push_back(usedBytes(*gpu));
        const exl2gpu::LayerResult& r = results.back();
        std::printf("layer %lld: forward %.2f s, measurement %.2f s (%d options quantized, %d option rows scored), "
                    "quantization %.2f s at %.3f bpw (mean module error %.5f); %s memory in use %.0f MiB\n",
                    (long long)l, r.forward.seconds, r.measurement.seconds, r.optionsQuantized, r.optionRows,
                    r.quantization.seconds, r.quantBpw, r.quantError, cuda ? "device" : "host", mib(usedAfter.back()));
        std::fflush(stdout);
        // Start another layer only if it would end inside the budget (it takes about as long as this one).
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double layerSeconds = r.forward.seconds + r.measurement.seconds + r.quantization.seconds;
        if (l + 1 < layers && elapsed + layerSeconds > double(budget)) {
            std::printf("stopped after %lld of %lld layers: %.0f s spent, another layer would pass "
                        "EXL2_BENCH_GPU_BUDGET_S=%lld\n",
                        (long long)(l + 1), (long long)layers, elapsed, (long long)budget);
            break;
        }
    }

    const double n = double(results.size());
    exl2gpu::PhaseResult forward, measurement, quantization;
    for (const exl2gpu::LayerResult& r : results) {
        forward.seconds += r.forward.seconds;
        forward.stats += r.forward.stats;
        measurement.seconds += r.measurement.seconds;
        measurement.stats += r.measurement.stats;
        quantization.seconds += r.quantization.seconds;
        quantization.stats += r.quantization.stats;
    }
    std::printf("\nper layer (mean of %zu):\n", results.size());
    std::printf("   forward (attention + MLP)   %8.2f s\n", forward.seconds / n);
    std::printf("   Hessian accumulation        %8.2f s  (SYRK in the measurement's reference pass)\n",
                measurement.stats.gram.seconds / n);
    std::printf("   Hessian factor              %8.2f s\n", measurement.stats.factor.seconds / n);
    std::printf("   measurement                 %8.2f s\n", measurement.seconds / n);
    std::printf("   quantization                %8.2f s\n", quantization.seconds / n);
    std::printf("\nthroughput (wall time of each op, host<->device copies included), peak %.2f TFLOP/s:\n", peak.tflops);
    printStats("forward:", forward.stats, peak.tflops);
    printStats("measurement:", measurement.stats, peak.tflops);
    printStats("quantization:", quantization.stats, peak.tflops);

    // The same SGEMM through Backend::gemm: what a caller with host matrices gets (run last: it grows the
    // backend's buffers beyond what the layers needed).
    if (cuda) {
        const exl2::GemmPeak host = hostGemmPeak(*gpu, peakN);
        std::printf("\nBackend::gemm %lld^3 with host copies: %.2f TFLOP/s (%.1f%% of the device peak)\n",
                    (long long)peakN, host.tflops, 100.0 * host.tflops / peak.tflops);
    }
    if (!cuda) {
        std::printf("\ndevice memory: not measured on %s\nbench_gpu: done, %zu layers\n", deviceId.c_str(), results.size());
        return 0;
    }
    std::printf("\ndevice memory in use (the backend's buffers only grow, so this is their high-water mark):\n");
    std::printf("   before the layers           %8.0f MiB\n", mib(baseline));
    std::printf("   after 1 layer               %8.0f MiB\n", mib(usedAfter.front()));
    const double growth = mib(usedAfter.back()) - mib(usedAfter.front());
    std::printf("   after %zu layers             %8.0f MiB (%+.0f MiB from layer 1: %s)\n", usedAfter.size(),
                mib(usedAfter.back()), growth,
                usedAfter.size() < 2             ? "only one layer ran, no comparison"
                : growth <= 0.05 * mib(usedAfter.front()) ? "flat, set by the widths"
                                                          : "GROWS with the layer count");
    std::printf("bench_gpu: done, %zu layers\n", results.size());
    return 0;
}

}  // namespace

int main()
{
    try {
        return run();
    } catch (const std::exception& e) {
        std::printf("FAIL  bench_gpu: %s\n", e.what());
        return 1;
    }
}
