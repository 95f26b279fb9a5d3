#include "runpage.h"

#include "allocationchart.h"
#include "errorchart.h"
#include "formatting.h"
#include "perplexitychart.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QWizard>

namespace exl2 {

RunPage::RunPage(WizardState& state, JobRunner runner, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_controller(new JobController(std::move(runner), this))
{
    setTitle(tr("Converting"));
    setSubTitle(tr("Pause or cancel at any time: the job folder stays consistent and can be resumed."));

    auto* stages = new QWidget(this);
    auto* grid = new QGridLayout(stages);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(2);
    // Begin and Finished are instants, not stages worth a bar.
    for (int s = 1; s + 1 < stageCount(); ++s) {
        auto* label = new QLabel(stageTitle(s), stages);
        auto* bar = new QProgressBar(stages);
        bar->setRange(0, 1000);
        bar->setValue(0);
        bar->setTextVisible(true);
        bar->setFormat(QStringLiteral("%p%"));
        bar->setMaximumHeight(16);
        grid->addWidget(label, s - 1, 0);
        grid->addWidget(bar, s - 1, 1);
        m_stageLabels.push_back(label);
        m_stageBars.push_back(bar);
    }
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_eta = new QLabel(this);

    m_errorChart = new ErrorChart(this);
    m_allocationChart = new AllocationChart(this);
    m_perplexityChart = new PerplexityChart(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_errorChart, tr("&Error per module"));
    m_tabs->addTab(m_allocationChart, tr("Bits per &layer"));
    m_tabs->addTab(m_perplexityChart, tr("Per&plexity"));

    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tabs);
    split->addWidget(m_log);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    m_pause = new QPushButton(tr("&Pause"), this);
    m_cancel = new QPushButton(tr("C&ancel job"), this);
    m_resume = new QPushButton(tr("&Resume"), this);
    m_restart = new QPushButton(tr("Change &settings"), this);
    m_restart->setToolTip(tr("Back to the first page, keeping every setting"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_eta, 1);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_restart);

    auto* top = new QHBoxLayout;
    top->addWidget(stages, 2);
    top->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    connect(m_pause, &QPushButton::clicked, this, &RunPage::pause);
    connect(m_cancel, &QPushButton::clicked, this, &RunPage::cancel);
    connect(m_resume, &QPushButton::clicked, this, &RunPage::resume);
    connect(m_restart, &QPushButton::clicked, this, [this] {
        if (wizard() && !m_controller->isRunning())
            wizard()->restart();
    });

    connect(m_controller, &JobController::logLine, m_log, &QPlainTextEdit::appendPlainText);
    connect(m_controller, &JobController::progressChanged, this, &RunPage::onProgress);
    connect(m_controller, &JobController::moduleMeasured, m_errorChart, &ErrorChart::addMeasured);
    connect(m_controller, &JobController::moduleQuantized, m_errorChart, &ErrorChart::addQuantized);
    connect(m_controller, &JobController::strategyChosen, m_allocationChart, &AllocationChart::setStrategy);
    connect(m_controller, &JobController::moduleQuantized, m_allocationChart, &AllocationChart::addQuantized);
    connect(m_controller, &JobController::perplexityMeasured, m_perplexityChart, &PerplexityChart::addPerplexity);
    connect(m_controller, &JobController::succeeded, this, &RunPage::onSucceeded);
    connect(m_controller, &JobController::failed, this, &RunPage::onFailed);
    connect(m_controller, &JobController::finished, this, &RunPage::onFinished);
    // Show the allocation once the optimizer has chosen, the error chart while measuring.
    connect(m_controller, &JobController::strategyChosen, this, [this] { m_tabs->setCurrentWidget(m_allocationChart); });
    updateButtons();
}

void RunPage::initializePage()
{
    m_errorChart->clearData();
    m_allocationChart->clearData();
    m_perplexityChart->clearData();
    m_log->clear();
    m_tabs->setCurrentWidget(m_errorChart);
    for (QProgressBar* bar : m_stageBars)
        bar->setValue(0);
    startJob(false);
}

void RunPage::cleanupPage()
{
    // Leaving backwards (a restart) stops the job; the controller joins its thread when it ends.
    if (m_controller->isRunning())
        m_controller->requestCancel();
}

void RunPage::startJob(bool resuming)
{
    m_running = m_state.settings;
    if (resuming)
        m_running.noResume = false;  // never wipe the job we are resuming
    m_allocationChart->setTarget(m_running.bits);
    m_succeeded = false;
    m_stopped = false;
    m_failure.clear();
    m_state.result.reset();
    if (!m_controller->start(m_running)) {
        setStatus(tr("The previous job is still stopping; try again in a moment."));
        return;
    }
    setStatus(resuming ? tr("Resuming…") : tr("Starting…"));
    updateButtons();
    emit completeChanged();
}

void RunPage::pause()
{
    if (!m_controller->isRunning())
        return;
    m_stopWord = tr("Paused");
    m_controller->requestCancel();
    setStatus(tr("Pausing at the next safe point…"));
    updateButtons();
}

void RunPage::cancel()
{
    if (!m_controller->isRunning())
        return;
    m_stopWord = tr("Cancelled");
    m_controller->requestCancel();
    setStatus(tr("Cancelling at the next safe point…"));
    updateButtons();
}

void RunPage::resume()
{
    if (m_controller->isRunning())
        return;
    m_log->appendPlainText(QString());
    startJob(true);
}

void RunPage::onProgress(int stage, double fraction, double eta)
{
    const int row = stage - 1;
    for (int i = 0; i < int(m_stageBars.size()); ++i) {
        QFont f = m_stageLabels[size_t(i)]->font();
        f.setBold(i == row);
        m_stageLabels[size_t(i)]->setFont(f);
        if (i < row)
            m_stageBars[size_t(i)]->setValue(m_stageBars[size_t(i)]->maximum());  // skipped or done
    }
    if (row >= 0 && row < int(m_stageBars.size()))
        m_stageBars[size_t(row)]->setValue(int(fraction * 1000));
    if (stage < stageCount() - 1)
        setStatus(stageTitle(stage));
    m_eta->setText(eta >= 1 ? tr("Time left in this stage: about %1").arg(formatDuration(eta)) : QString());
}

void RunPage::onSucceeded(const JobResult& result)
{
    m_succeeded = true;
    m_state.result = result;
    for (QProgressBar* bar : m_stageBars)
        bar->setValue(bar->maximum());
    setStatus(result.measurementOnly ? tr("Measurement finished.") : tr("Conversion finished."));
    m_eta->clear();
}

void RunPage::onFailed(const QString& message, bool cancelled)
{
    m_stopped = cancelled;
    if (cancelled) {
        const QString word = m_stopWord.isEmpty() ? tr("Stopped") : m_stopWord;
        setStatus(tr("%1. The job folder can be resumed: press Resume, or run the wizard again later with the "
                     "same output folder.").arg(word));
    } else {
        m_failure = message;
        setStatus(tr("The conversion failed: %1").arg(message));
    }
    m_log->appendPlainText(QStringLiteral(" !! ") + message);
    m_eta->clear();
}

void RunPage::onFinished()
{
    m_stopWord.clear();
    updateButtons();
    emit completeChanged();
    emit jobFinished(m_succeeded);
}

void RunPage::setStatus(const QString& text) { m_status->setText(text); }
QString RunPage::statusText() const { return m_status->text(); }
QString RunPage::logText() const { return m_log->toPlainText(); }

void RunPage::updateButtons()
{
    const bool running = m_controller->isRunning();
    const bool stopping = running && m_controller->cancelRequested();
    m_pause->setEnabled(running && !stopping);
    m_cancel->setEnabled(running && !stopping);
    m_resume->setEnabled(!running && !m_succeeded && (m_stopped || hasFailed()));
    m_restart->setEnabled(!running && !m_succeeded);
}

bool RunPage::isComplete() const { return m_succeeded && !m_controller->isRunning(); }

}  // namespace exl2
