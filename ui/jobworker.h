// The object that runs one conversion job on a worker thread: it holds an immutable copy of the job's
// settings, turns the core's hook callbacks into queued Qt signals, and catches every exception at the
// thread boundary into a translated message. JobController (jobcontroller.h) owns its thread.
#pragma once

#include "jobmetatypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <exception>
#include <functional>

namespace exl2 {

// What runs a job: runJob() in the app, a scripted fake in tests and screenshots.
using JobRunner = std::function<exl2::JobResult(const exl2::JobSettings&, exl2::JobHooks&)>;

// A human, translated sentence for an exception that left a job (the core's message is kept verbatim).
QString describeJobError(std::exception_ptr error);

class JobWorker : public QObject {
    Q_OBJECT
public:
    JobWorker(JobRunner runner, const exl2::JobSettings& settings, std::atomic<bool>* cancelRequested);

public slots:
    void run();

signals:
    void logLine(const QString& line);
    void progressChanged(int stage, double fraction, double etaSeconds);
    void moduleMeasured(const exl2::ModuleMeasured& module);
    void strategyChosen(const exl2::StrategyChosen& strategy);
    void moduleQuantized(const exl2::ModuleQuantized& module);
    void perplexityMeasured(double perplexity);
    void succeeded(const exl2::JobResult& result);
    void failed(const QString& message, bool cancelled);
    void done();

private:
    exl2::JobHooks makeHooks();

    const JobRunner m_runner;
    const exl2::JobSettings m_settings;  // the snapshot: the wizard may change its own copy meanwhile
    std::atomic<bool>* m_cancelRequested;
    QElapsedTimer m_sinceProgress;
    int m_lastStage = -1;
};

}  // namespace exl2
