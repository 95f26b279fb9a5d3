#include "jobworker.h"

#include "util/error.h"

#include <QCoreApplication>

#include <new>

namespace exl2 {

QString describeJobError(std::exception_ptr error)
{
    try {
        std::rethrow_exception(error);
    } catch (const exl2::Error& e) {
        const QString detail = QString::fromStdString(e.what());
        switch (e.code()) {
        case exl2::ErrorCode::Cancelled:
            return QCoreApplication::translate("JobWorker", "The job was stopped. Its folder holds a consistent checkpoint and can be resumed.");
        case exl2::ErrorCode::InvalidArgument: return QCoreApplication::translate("JobWorker", "A setting is not valid: %1").arg(detail);
        case exl2::ErrorCode::Io: return QCoreApplication::translate("JobWorker", "A file could not be read or written: %1").arg(detail);
        case exl2::ErrorCode::Format: return QCoreApplication::translate("JobWorker", "A file is malformed: %1").arg(detail);
        case exl2::ErrorCode::Unsupported: return QCoreApplication::translate("JobWorker", "This input is not supported: %1").arg(detail);
        case exl2::ErrorCode::Model: return QCoreApplication::translate("JobWorker", "The model folder is inconsistent: %1").arg(detail);
        case exl2::ErrorCode::Numerical: return QCoreApplication::translate("JobWorker", "The computation became unstable: %1").arg(detail);
        case exl2::ErrorCode::ResourceLimit: return QCoreApplication::translate("JobWorker", "Not enough memory or disk space: %1").arg(detail);
        case exl2::ErrorCode::Backend: return QCoreApplication::translate("JobWorker", "The compute device failed: %1").arg(detail);
        case exl2::ErrorCode::Internal: return QCoreApplication::translate("JobWorker", "An internal error occurred (please report it): %1").arg(detail);
        }
        return detail;
    } catch (const std::bad_alloc&) {
        return QCoreApplication::translate("JobWorker", "The job ran out of memory. Try fewer calibration rows or a shorter row length.");
    } catch (const std::exception& e) {
        return QCoreApplication::translate("JobWorker", "An unexpected error occurred: %1").arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return QCoreApplication::translate("JobWorker", "An unexpected error of unknown type occurred.");
    }
}

JobWorker::JobWorker(JobRunner runner, const exl2::JobSettings& settings, std::atomic<bool>* cancelRequested)
    : m_runner(std::move(runner)), m_settings(settings), m_cancelRequested(cancelRequested)
{
    qRegisterMetaType<exl2::ModuleMeasured>();
    qRegisterMetaType<exl2::ModuleQuantized>();
    qRegisterMetaType<exl2::StrategyChosen>();
    qRegisterMetaType<exl2::JobResult>();
}

exl2::JobHooks JobWorker::makeHooks()
{
    exl2::JobHooks hooks;
    hooks.log = [this](const std::string& line) { emit logLine(QString::fromStdString(line)); };
    hooks.progress = [this](exl2::JobStage stage, double fraction, double eta) {
        // The core may report thousands of times a second; the GUI needs a few updates per second,
        // but every stage change and every completion.
        const int s = int(stage);
        if (s == m_lastStage && fraction < 1.0 && m_sinceProgress.isValid() && m_sinceProgress.elapsed() < 50)
            return;
        m_lastStage = s;
        m_sinceProgress.start();
        emit progressChanged(s, fraction, eta);
    };
    hooks.moduleMeasured = [this](const exl2::ModuleMeasured& m) { emit moduleMeasured(m); };
    hooks.strategyChosen = [this](const exl2::StrategyChosen& s) { emit strategyChosen(s); };
    hooks.moduleQuantized = [this](const exl2::ModuleQuantized& m) { emit moduleQuantized(m); };
    hooks.calibrationPerplexity = [this](double ppl) { emit perplexityMeasured(ppl); };
    hooks.cancelRequested = m_cancelRequested;
    return hooks;
}

void JobWorker::run()
{
    // The thread boundary: nothing may escape from here into Qt's event loop.
    try {
        exl2::JobHooks hooks = makeHooks();
        const exl2::JobResult result = m_runner(m_settings, hooks);
        emit succeeded(result);
    } catch (...) {
        const auto error = std::current_exception();
        bool cancelled = false;
        try {
            std::rethrow_exception(error);
        } catch (const exl2::Error& e) {
            cancelled = e.code() == exl2::ErrorCode::Cancelled;
        } catch (...) {
        }
        emit failed(describeJobError(error), cancelled);
    }
    emit done();
}

}  // namespace exl2
