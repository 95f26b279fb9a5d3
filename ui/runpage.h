// Wizard page 5: runs the job. It starts the worker in initializePage(), shows every stage with its
// progress and ETA, the live charts and the log, offers Pause/Cancel (both leave a resumable job) and
// Resume, and reports isComplete() only once the job has finished successfully.
#pragma once

#include "jobcontroller.h"
#include "wizardstate.h"

#include <QWizardPage>

#include <vector>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace exl2 {

class AllocationChart;
class ErrorChart;
class PerplexityChart;

class RunPage : public QWizardPage {
    Q_OBJECT
public:
    RunPage(WizardState& state, JobRunner runner, QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    bool isRunning() const { return m_controller->isRunning(); }
    bool isStopped() const { return m_stopped; }     // cancelled or paused: resumable
    bool hasFailed() const { return !m_failure.isEmpty(); }
    QString failure() const { return m_failure; }
    QString statusText() const;
    QString logText() const;

    ErrorChart* errorChart() const { return m_errorChart; }
    AllocationChart* allocationChart() const { return m_allocationChart; }
    PerplexityChart* perplexityChart() const { return m_perplexityChart; }
    JobController* controller() const { return m_controller; }

public slots:
    void pause();     // stop at the next safe point, offer Resume
    void cancel();    // the same stop, worded as giving up for now
    void resume();    // continue the job from its folder

signals:
    void jobFinished(bool success);

private slots:
    void onProgress(int stage, double fraction, double eta);
    void onSucceeded(const exl2::JobResult& result);
    void onFailed(const QString& message, bool cancelled);
    void onFinished();

private:
    void startJob(bool resuming);
    void setStatus(const QString& text);
    void updateButtons();

    WizardState& m_state;
    JobController* m_controller;
    std::vector<QLabel*> m_stageLabels;
    std::vector<QProgressBar*> m_stageBars;
    QLabel* m_status;
    QLabel* m_eta;
    QTabWidget* m_tabs;
    ErrorChart* m_errorChart;
    AllocationChart* m_allocationChart;
    PerplexityChart* m_perplexityChart;
    QPlainTextEdit* m_log;
    QPushButton* m_pause;
    QPushButton* m_cancel;
    QPushButton* m_resume;
    QPushButton* m_restart;
    JobSettings m_running;   // the snapshot handed to the worker
    bool m_succeeded = false;
    bool m_stopped = false;
    QString m_stopWord;      // "paused" or "cancelled", for the status line
    QString m_failure;
};

}  // namespace exl2
