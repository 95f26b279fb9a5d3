#include "finishpage.h"

#include "allocationchart.h"
#include "errorchart.h"
#include "formatting.h"
#include "perplexitychart.h"
#include "runpage.h"

#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QUrl>
#include <QVBoxLayout>
#include <QWizard>

namespace exl2 {

FinishPage::FinishPage(WizardState& state, RunPage* run, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_run(run)
{
    setTitle(tr("Finished"));
    setFinalPage(true);
    m_output = new QLabel(this);
    m_output->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_output->setWordWrap(true);
    m_bpw = new QLabel(this);
    m_size = new QLabel(this);
    m_ppl = new QLabel(this);
    m_time = new QLabel(this);
    auto* form = new QFormLayout;
    form->addRow(tr("Output folder:"), m_output);
    form->addRow(tr("Bits per weight:"), m_bpw);
    form->addRow(tr("Size on disk:"), m_size);
    form->addRow(tr("Calibration perplexity:"), m_ppl);
    form->addRow(tr("Time:"), m_time);

    m_open = new QPushButton(tr("&Open output folder"), this);
    m_saveCharts = new QPushButton(tr("Save &charts…"), this);
    m_saveCsv = new QPushButton(tr("Save chart &data (CSV)…"), this);
    m_restart = new QPushButton(tr("Convert &again with these settings"), this);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_open, m_saveCharts, m_saveCsv, m_restart})
        buttons->addWidget(b);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_open, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_output->text()));
    });
    connect(m_saveCharts, &QPushButton::clicked, this, [this] {
        QString filter;
        const QString file = QFileDialog::getSaveFileName(this, tr("Save charts"), QStringLiteral("exl2-charts.png"),
                                                          tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"),
                                                          &filter);
        if (file.isEmpty())
            return;
        const QFileInfo info(file);
        QString format = info.suffix().toLower();
        if (format != QLatin1String("png") && format != QLatin1String("svg") && format != QLatin1String("pdf"))
            format = filter.contains(QLatin1String("svg")) ? QStringLiteral("svg")
                     : filter.contains(QLatin1String("pdf")) ? QStringLiteral("pdf") : QStringLiteral("png");
        const QString base = info.path() + QLatin1Char('/') + info.completeBaseName();
        if (saveCharts(base, format).isEmpty())
            QMessageBox::warning(this, tr("Save charts"), tr("Could not write the charts to %1.").arg(info.path()));
    });
    connect(m_saveCsv, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Save chart data"), QStringLiteral("exl2-charts.csv"),
                                                          tr("CSV (*.csv)"));
        if (!file.isEmpty() && !saveCsv(file))
            QMessageBox::warning(this, tr("Save chart data"), tr("Could not write %1.").arg(file));
    });
    connect(m_restart, &QPushButton::clicked, this, [this] {
        if (wizard())
            wizard()->restart();
    });
}

void FinishPage::initializePage()
{
    if (!m_state.result)
        return;
    const JobResult& r = *m_state.result;
    m_output->setText(QString::fromStdString(r.measurementOnly && !m_state.settings.outputMeasurement.empty()
                                                 ? m_state.settings.outputMeasurement
                                                 : r.outputDir));
    if (r.measurementOnly) {
        setSubTitle(tr("The measurement is saved. Reuse it to convert this model to any size without measuring again."));
        m_bpw->setText(tr("— (measurement only)"));
        m_size->setText(QStringLiteral("—"));
        m_ppl->setText(QStringLiteral("—"));
    } else {
        setSubTitle(tr("The EXL2 model is ready to load with exllamav2."));
        m_bpw->setText(tr("%1 (target %2)").arg(r.actualBpw, 0, 'f', 3).arg(m_state.settings.bits, 0, 'f', 3));
        m_size->setText(formatBytes(r.bytesOnDisk));
        m_ppl->setText(r.calibrationPerplexity > PerplexityChart::kThreshold
                           ? tr("%1 — above %2: the model may be damaged; try more bits")
                                 .arg(r.calibrationPerplexity, 0, 'f', 2).arg(PerplexityChart::kThreshold)
                           : QString::number(r.calibrationPerplexity, 'f', 2));
    }
    m_time->setText(formatDuration(r.seconds));
}

QStringList FinishPage::saveCharts(const QString& basePath, const QString& format) const
{
    QStringList written;
    const std::pair<const char*, ChartBase*> charts[] = {{"error", m_run->errorChart()},
                                                         {"allocation", m_run->allocationChart()},
                                                         {"perplexity", m_run->perplexityChart()}};
    for (const auto& [name, chart] : charts) {
        const QString file = QStringLiteral("%1_%2.%3").arg(basePath, QLatin1String(name), format);
        if (!chart->saveImage(file))
            return {};
        written << file;
    }
    return written;
}

bool FinishPage::saveCsv(const QString& file) const
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream stream(&out);
    stream << "# error per module\n";
    m_run->errorChart()->writeCsv(stream);
    stream << "\n# bits per weight by layer\n";
    m_run->allocationChart()->writeCsv(stream);
    stream << "\n# calibration perplexity\n";
    m_run->perplexityChart()->writeCsv(stream);
    stream.flush();
    return out.commit();
}

QString FinishPage::summaryText() const
{
    return QStringList{m_output->text(), m_bpw->text(), m_size->text(), m_ppl->text(), m_time->text()}.join(QLatin1Char('\n'));
}

}  // namespace exl2
