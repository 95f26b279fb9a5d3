// Owns the worker thread of a conversion job: starts a JobWorker on its own QThread, forwards its
// signals to the GUI thread, and on destruction requests cancellation, quits the thread and waits, so
// closing the window mid-job stops the core at a safe point instead of killing it.
#pragma once

#include "jobworker.h"

#include <QObject>

#include <atomic>

class QThread;

namespace exl2 {

class JobController : public QObject {
    Q_OBJECT
public:
    explicit JobController(JobRunner runner, QObject* parent = nullptr);
    ~JobController() override;

    // Starts a job on a fresh thread; false when one is still running.
    bool start(const JobSettings& settings);
    // Asks the core to stop at its next safe point; the job then fails with cancelled = true.
    void requestCancel();
    bool isRunning() const { return m_thread != nullptr; }
    bool cancelRequested() const { return m_cancel.load(); }

signals:
    void logLine(const QString& line);
    void progressChanged(int stage, double fraction, double etaSeconds);
    void moduleMeasured(const exl2::ModuleMeasured& module);
    void strategyChosen(const exl2::StrategyChosen& strategy);
    void moduleQuantized(const exl2::ModuleQuantized& module);
    void perplexityMeasured(double perplexity);
    void succeeded(const exl2::JobResult& result);
    void failed(const QString& message, bool cancelled);
    // After succeeded/failed, once the thread has ended; a new start() is possible from here on.
    void finished();

private slots:
    void onThreadFinished();

private:
    void stopAndJoin();

    JobRunner m_runner;
    std::atomic<bool> m_cancel{false};
    QThread* m_thread = nullptr;
    JobWorker* m_worker = nullptr;
};

}  // namespace exl2
