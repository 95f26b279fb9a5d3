// How fast the allocation inspector re-allocates while the target is dragged: an 80-layer synthetic
// measurement (Llama-3-8B-like shapes, 160 modules), the slider moved through 60 targets; prints per-update
// wall and CPU time (the exact solve alone and the whole update with table and charts), then the full norm
// search that refines the last answer. EXL2_BENCH_INSPECTOR_LAYERS changes the size. Figures only.
#include "inspectorcharts.h"
#include "inspectortable.h"
#include "inspectorwindow.h"
#include "optimize/measurement_json.h"
#include "synthetic_measurement.h"
#include "test_support.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSlider>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

void printStats(const char* label, std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v)
        sum += x;
    std::printf("%-34s median %7.2f ms  p90 %7.2f ms  max %7.2f ms  mean %7.2f ms\n", label, v[v.size() / 2],
                v[v.size() * 9 / 10], v.back(), sum / double(v.size()));
}

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int layers = qEnvironmentVariableIsSet("EXL2_BENCH_INSPECTOR_LAYERS")
                           ? qEnvironmentVariableIntValue("EXL2_BENCH_INSPECTOR_LAYERS")
                           : 80;
    const auto dir = exl2test::scratchDir("bench-inspector");
    const auto file = dir / "synthetic.json";
    exl2::writeMeasurement(file, exl2test::syntheticMeasurement(layers, 5));

    exl2::InspectorWindow w;
    w.resize(1200, 800);
    w.show();
    if (!w.openMeasurement(QString::fromStdString(file.string()))) {
        std::fprintf(stderr, "bench_inspector: %s\n", qPrintable(w.lastError()));
        return 1;
    }
    QApplication::processEvents();
    QSlider* slider = w.targetSlider();
    const int steps = 60;
    std::vector<double> solveMs, updateWallMs, updateCpuMs;
    for (int i = 0; i < steps; ++i) {
        const double bpw = 2.5 + 4.0 * i / (steps - 1);
        QElapsedTimer t;
        const double cpu0 = threadCpuMs();
        t.start();
        slider->setValue(int(bpw * 1000));
        QApplication::processEvents();  // the charts' queued replot
        updateWallMs.push_back(double(t.nsecsElapsed()) / 1e6);
        updateCpuMs.push_back(threadCpuMs() - cpu0);
        solveMs.push_back(w.engine().lastFastMs());
    }
    // The solve alone, on this thread's CPU clock (the machine may be shared: wall time overstates it).
    std::vector<double> solveCpuMs, cappedCpuMs;
    int unproven = 0;
    double worstGap = 0;  // objective of the capped answer over the optimum's, minus 1
    for (int i = 0; i < steps; ++i) {
        exl2::OptimizeSettings s;
        s.targetBpw = 2.5 + 4.0 * i / (steps - 1);
        s.fixedNorm = w.engine().allocation().errorNorm;
        double cpu0 = threadCpuMs();
        const exl2::Allocation exact = exl2::optimizeAllocation(w.engine().input()->problem, s);
        solveCpuMs.push_back(threadCpuMs() - cpu0);
        s.maxDpStates = exl2::InspectorEngine::kFastPathStates;
        cpu0 = threadCpuMs();
        const exl2::Allocation capped = exl2::optimizeAllocation(w.engine().input()->problem, s);
        cappedCpuMs.push_back(threadCpuMs() - cpu0);
        unproven += !capped.proven;
        worstGap = std::max(worstGap, capped.objective / exact.objective - 1);
    }
    // Where the widget time goes: the table, and each chart's data + immediate replot.
    std::vector<double> tableMs, chartMs;
    std::vector<exl2::Allocation> seen;
    for (int i = 0; i < steps; i += 6) {
        exl2::OptimizeSettings s;
        s.targetBpw = 2.5 + 4.0 * i / (steps - 1);
        s.fixedNorm = 2.5;
        seen.push_back(exl2::optimizeAllocation(w.engine().input()->problem, s));
    }
    for (const auto& a : seen) {
        double cpu0 = threadCpuMs();
        w.table()->setAllocation(a);
        tableMs.push_back(threadCpuMs() - cpu0);
        cpu0 = threadCpuMs();
        w.allocationChart()->setAllocation(a);
        w.allocationChart()->replot();
        w.errorChart()->setAllocation(a);
        w.errorChart()->replot();
        chartMs.push_back(threadCpuMs() - cpu0);
    }
    int worst = int(std::max_element(solveCpuMs.begin(), solveCpuMs.end()) - solveCpuMs.begin());
    std::printf("bench_inspector: %d layers (%d modules), %d drag updates over 2.5 .. 6.5 bpw\n", layers, 2 * layers,
                steps);
    printStats("fast-path solve in the drag (wall)", solveMs);
    printStats("fast-path solve, capped (CPU)", cappedCpuMs);
    printStats("same solve without the cap (CPU)", solveCpuMs);
    std::printf("state cap %zu reached at %d of %d targets (answer = Lagrangian incumbent until refined), "
                "worst objective excess %.2e\n",
                exl2::InspectorEngine::kFastPathStates, unproven, steps, worstGap);
    printStats("whole update incl. widgets (wall)", updateWallMs);
    printStats("whole update incl. widgets (CPU)", updateCpuMs);
    printStats("  of which module table (CPU)", tableMs);
    printStats("  of which both charts (CPU)", chartMs);
    std::printf("slowest solve at target %.3f bpw\n", 2.5 + 4.0 * worst / (steps - 1));
    const exl2::Allocation fast = w.engine().allocation();
    QElapsedTimer t;
    t.start();
    w.engine().setRefineDelay(0);
    if (!w.engine().waitForRefined()) {
        std::fprintf(stderr, "bench_inspector: refinement failed: %s\n", qPrintable(w.engine().lastError()));
        return 1;
    }
    const exl2::Allocation& full = w.engine().allocation();
    int differing = 0;
    for (size_t i = 0; i < full.choices.size(); ++i)
        differing += full.choices[i].option != fast.choices[i].option;
    std::printf("full norm search after the drag: %.0f ms wall; fast answer differed in %d of %zu modules "
                "(max err %.6f fast vs %.6f refined, norm %.4f vs %.4f)\n",
                double(t.nsecsElapsed()) / 1e6, differing, full.choices.size(), fast.maxErr, full.maxErr, fast.errorNorm,
                full.errorNorm);
    return 0;
}
