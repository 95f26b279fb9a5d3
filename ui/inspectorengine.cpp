#include "inspectorengine.h"

#include "util/error.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <limits>

namespace exl2 {

InspectorEngine::InspectorEngine(QObject* parent) : QObject(parent)
{
    m_refineTimer.setSingleShot(true);
    m_refineTimer.setInterval(150);
    connect(&m_refineTimer, &QTimer::timeout, this, &InspectorEngine::startRefine);
    connect(&m_watcher, &QFutureWatcher<Refined>::finished, this, &InspectorEngine::refineFinished);
}

InspectorEngine::~InspectorEngine()
{
    ++*m_generation;  // the running search stops at its next inner solve
    m_watcher.waitForFinished();
}

void InspectorEngine::setInput(std::shared_ptr<const InspectorInput> input)
{
    ++*m_generation;
    m_input = std::move(input);
    m_pins.clear();
    m_allocation = {};
    m_refined = false;
    m_norm = 2.5;
    m_lastError.clear();
    m_target = 0;
}

double InspectorEngine::minBpw() const
{
    if (!m_input)
        return 0;
    uint64_t bits = 0;
    for (const OptimizerSlot& s : m_input->problem.moduleSlots) {
        const auto pin = m_pins.find(s.key);
        uint64_t lo = std::numeric_limits<uint64_t>::max();
        for (size_t o = 0; o < s.records.size(); ++o)
            if (pin == m_pins.end() || int(o) == pin->second)
                lo = std::min(lo, s.cost(o));
        bits += lo;
    }
    return double(bits) / double(m_input->problem.numel());
}

double InspectorEngine::maxBpw() const
{
    if (!m_input)
        return 0;
    uint64_t bits = 0;
    for (const OptimizerSlot& s : m_input->problem.moduleSlots) {
        const auto pin = m_pins.find(s.key);
        uint64_t hi = 0;
        for (size_t o = 0; o < s.records.size(); ++o)
            if (pin == m_pins.end() || int(o) == pin->second)
                hi = std::max(hi, s.cost(o));
        bits += hi;
    }
    return double(bits) / double(m_input->problem.numel());
}

void InspectorEngine::setTarget(double bpw)
{
    m_target = bpw;
    update();
}

void InspectorEngine::setPin(const std::string& key, int option)
{
    if (option < 0)
        m_pins.erase(key);
    else
        m_pins[key] = option;
    update();
}

void InspectorEngine::clearPins()
{
    m_pins.clear();
    update();
}

OptimizeSettings InspectorEngine::settings() const
{
    OptimizeSettings s;
    s.method = OptimizeMethod::Exact;  // normSamples stays at the reference's 80, as the converter runs it
    s.targetBpw = std::clamp(m_target, minBpw(), maxBpw());
    s.pins = m_pins;
    return s;
}

void InspectorEngine::update()
{
    if (!m_input)
        return;
    ++*m_generation;  // whatever is being refined now answers an old question
    m_refined = false;
    OptimizeSettings s = settings();
    m_target = s.targetBpw;
    s.fixedNorm = m_norm;
    s.maxDpStates = kFastPathStates;  // bounded latency; the background search proves the optimum
    QElapsedTimer timer;
    timer.start();
    try {
        m_allocation = optimizeAllocation(m_input->problem, s);
        m_lastError.clear();
    } catch (const Error& e) {
        m_lastError = QString::fromUtf8(e.what());
        emit failed(m_lastError);
        return;
    }
    m_lastFastMs = double(timer.nsecsElapsed()) / 1e6;
    emit allocationChanged();
    m_refineTimer.start();
}

void InspectorEngine::startRefine()
{
    if (!m_input || m_refined || !hasAllocation())
        return;
    if (m_watcher.isRunning()) {  // cancelled by the generation bump; start again when it returns
        m_refinePending = true;
        return;
    }
    m_refinePending = false;
    const int generation = *m_generation;
    OptimizeSettings s = settings();
    auto counter = m_generation;
    s.cancelled = [counter, generation] { return *counter != generation; };
    std::shared_ptr<const InspectorInput> input = m_input;
    m_watcher.setFuture(QtConcurrent::run([input, s, generation]() {
        Refined r;
        r.generation = generation;
        try {
            r.allocation = optimizeAllocation(input->problem, s);
        } catch (const Error& e) {
            r.error = QString::fromUtf8(e.what());
        }
        return r;
    }));
}

void InspectorEngine::refineFinished()
{
    const Refined r = m_watcher.result();
    if (r.generation == *m_generation) {
        if (r.error.isEmpty()) {
            m_allocation = r.allocation;
            m_norm = r.allocation.errorNorm;
            m_refined = true;
            emit allocationChanged();
        } else {
            m_lastError = r.error;
            emit failed(m_lastError);
        }
    } else if (m_refinePending || !m_refineTimer.isActive()) {
        startRefine();
    }
}

bool InspectorEngine::waitForRefined(int timeoutMs)
{
    if (m_input && !m_refined && m_refineTimer.isActive()) {
        m_refineTimer.stop();
        startRefine();
    }
    QElapsedTimer timer;
    timer.start();
    while (m_input && !m_refined && m_lastError.isEmpty() && timer.elapsed() < timeoutMs) {
        if (m_watcher.isRunning())
            m_watcher.waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!m_refined && !m_watcher.isRunning() && !m_refineTimer.isActive())
            startRefine();
    }
    return m_refined;
}

}  // namespace exl2
