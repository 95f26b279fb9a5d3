// The allocation inspector's optimizer driver: an instant answer for every target/pin change (one exact
// solve at the error norm of the last full search) and the full norm search refining it in the background,
// swapped in when it finishes unless the inputs changed meanwhile (docs/inspector.md, "fast path").
#pragma once

#include "inspectormodel.h"
#include "optimize/optimizer.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <map>
#include <memory>

namespace exl2 {

class InspectorEngine : public QObject {
    Q_OBJECT
public:
    // DP states one fast answer may keep (~10 ms CPU); past it the fast answer is the exact solver's
    // Lagrangian incumbent (Allocation::proven false) until the background search replaces it.
    static constexpr size_t kFastPathStates = 30000;

    explicit InspectorEngine(QObject* parent = nullptr);
    ~InspectorEngine() override;  // cancels and waits for a running refinement

    void setInput(std::shared_ptr<const InspectorInput> input);
    const InspectorInput* input() const { return m_input.get(); }

    // Both re-allocate synchronously (fast path) and schedule the full search. The target is clamped to
    // the reachable range with the current pins, as the converter clamps a target within 1e-4 of an end.
    void setTarget(double bpw);
    void setPin(const std::string& key, int option);  // option < 0 removes the pin
    void clearPins();
    const std::map<std::string, int>& pins() const { return m_pins; }

    double target() const { return m_target; }
    double minBpw() const;  // reachable range with the current pins
    double maxBpw() const;
    const Allocation& allocation() const { return m_allocation; }
    bool hasAllocation() const { return !m_allocation.choices.empty(); }
    bool isRefined() const { return m_refined; }  // allocation is the full method's answer
    double lastFastMs() const { return m_lastFastMs; }
    QString lastError() const { return m_lastError; }

    // Runs the event loop until the refined allocation is in (or timeoutMs passed). True when refined.
    bool waitForRefined(int timeoutMs = 120000);
    // Refinement delay after the last change (ms); 0 starts it at once. Default 150.
    void setRefineDelay(int ms) { m_refineTimer.setInterval(ms); }

signals:
    void allocationChanged();  // after every fast update and when the refined answer arrives
    void failed(const QString& message);

private:
    struct Refined {
        int generation = 0;
        Allocation allocation;
        QString error;
    };
    OptimizeSettings settings() const;
    void update();
    void startRefine();
    void refineFinished();

    std::shared_ptr<const InspectorInput> m_input;
    std::map<std::string, int> m_pins;
    double m_target = 0;
    double m_norm = 2.5;  // of the last full search; the first fast answer uses the middle of [1.5, 3.5]
    Allocation m_allocation;
    bool m_refined = false;
    double m_lastFastMs = 0;
    QString m_lastError;
    std::shared_ptr<std::atomic<int>> m_generation = std::make_shared<std::atomic<int>>(0);
    QTimer m_refineTimer;
    QFutureWatcher<Refined> m_watcher;
    bool m_refinePending = false;
};

}  // namespace exl2
