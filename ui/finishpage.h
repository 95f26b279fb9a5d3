// Wizard page 6: what came out — actual bits per weight, size on disk, calibration perplexity, time —
// with buttons to open the output folder, save the charts (PNG/SVG/PDF) and their data (CSV), and to
// convert again starting from the same settings.
#pragma once

#include "wizardstate.h"

#include <QStringList>
#include <QWizardPage>

class QLabel;
class QPushButton;

namespace exl2 {

class RunPage;

class FinishPage : public QWizardPage {
    Q_OBJECT
public:
    FinishPage(WizardState& state, RunPage* run, QWidget* parent = nullptr);

    void initializePage() override;

    // Writes <base>_error.<fmt>, <base>_allocation.<fmt>, <base>_perplexity.<fmt>; returns the files
    // written, empty on failure. fmt: png, svg or pdf.
    QStringList saveCharts(const QString& basePath, const QString& format) const;
    // Writes the three charts' data into one CSV file, one section per chart.
    bool saveCsv(const QString& file) const;
    QString summaryText() const;

private:
    WizardState& m_state;
    RunPage* m_run;
    QLabel* m_output;
    QLabel* m_bpw;
    QLabel* m_size;
    QLabel* m_ppl;
    QLabel* m_time;
    QPushButton* m_open;
    QPushButton* m_saveCharts;
    QPushButton* m_saveCsv;
    QPushButton* m_restart;
};

}  // namespace exl2
