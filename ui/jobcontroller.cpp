#include "jobcontroller.h"

#include <QThread>

namespace exl2 {

JobController::JobController(JobRunner runner, QObject* parent) : QObject(parent), m_runner(std::move(runner)) {}

JobController::~JobController() { stopAndJoin(); }

bool JobController::start(const JobSettings& settings)
{
    if (m_thread)
        return false;
    m_cancel = false;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("exl2-job"));
    m_worker = new JobWorker(m_runner, settings, &m_cancel);
    m_worker->moveToThread(m_thread);

    connect(m_thread, &QThread::started, m_worker, &JobWorker::run);
    // quit() is thread-safe: call it straight from the worker thread. A queued quit plus a wait() in
    // the GUI thread would deadlock (toolchain pitfall 4).
    connect(m_worker, &JobWorker::done, m_thread, [thread = m_thread] { thread->quit(); }, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, this, &JobController::onThreadFinished, Qt::QueuedConnection);

    connect(m_worker, &JobWorker::logLine, this, &JobController::logLine);
    connect(m_worker, &JobWorker::progressChanged, this, &JobController::progressChanged);
    connect(m_worker, &JobWorker::moduleMeasured, this, &JobController::moduleMeasured);
    connect(m_worker, &JobWorker::strategyChosen, this, &JobController::strategyChosen);
    connect(m_worker, &JobWorker::moduleQuantized, this, &JobController::moduleQuantized);
    connect(m_worker, &JobWorker::perplexityMeasured, this, &JobController::perplexityMeasured);
    connect(m_worker, &JobWorker::succeeded, this, &JobController::succeeded);
    connect(m_worker, &JobWorker::failed, this, &JobController::failed);

    m_thread->start();
    return true;
}

void JobController::requestCancel() { m_cancel = true; }

void JobController::onThreadFinished()
{
    if (!m_thread)
        return;
    m_thread->wait();
    delete m_worker;
    delete m_thread;
    m_worker = nullptr;
    m_thread = nullptr;
    emit finished();
}

void JobController::stopAndJoin()
{
    if (!m_thread)
        return;
    m_cancel = true;
    // The worker's run() blocks the thread's event loop, so quit() takes effect once the core has
    // seen the cancel flag and returned; wait() then joins.
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    delete m_thread;
    m_worker = nullptr;
    m_thread = nullptr;
}

}  // namespace exl2
