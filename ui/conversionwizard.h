// The guided conversion: six pages (model, calibration, target, measurement, run, finish) over one
// WizardState. The job runner is injected so that tests and screenshots can script a job while the
// app runs the real pipeline. Settings and window geometry persist in QSettings.
#pragma once

#include "jobworker.h"
#include "wizardstate.h"

#include <QWizard>

namespace exl2 {

class CalibrationPage;
class FinishPage;
class MeasurementPage;
class ModelPage;
class RunPage;
class TargetPage;

class ConversionWizard : public QWizard {
    Q_OBJECT
public:
    explicit ConversionWizard(JobRunner runner, QWidget* parent = nullptr);
    ~ConversionWizard() override;

    WizardState& state() { return m_state; }
    ModelPage* modelPage() const { return m_model; }
    CalibrationPage* calibrationPage() const { return m_calibration; }
    TargetPage* targetPage() const { return m_target; }
    MeasurementPage* measurementPage() const { return m_measurement; }
    RunPage* runPage() const { return m_run; }
    FinishPage* finishPage() const { return m_finish; }

    // exl2-studio's positional measurement.json: preselect "reuse" on the measurement page.
    void openMeasurement(const QString& file);

public slots:
    void reject() override;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void saveSettings();

    WizardState m_state;
    ModelPage* m_model;
    CalibrationPage* m_calibration;
    TargetPage* m_target;
    MeasurementPage* m_measurement;
    RunPage* m_run;
    FinishPage* m_finish;
};

}  // namespace exl2
