#include "conversionwizard.h"

#include "appsettings.h"
#include "calibrationpage.h"
#include "finishpage.h"
#include "measurementpage.h"
#include "modelpage.h"
#include "runpage.h"
#include "targetpage.h"
#include "theme.h"

#include <QApplication>
#include <QCloseEvent>
#include <QIcon>
#include <QPushButton>

namespace exl2 {

ConversionWizard::ConversionWizard(JobRunner runner, QWidget* parent) : QWizard(parent)
{
    AppSettings::loadState(m_state);
    setWindowTitle(tr("EXL2 Studio — convert a model"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/exl2-studio.svg")));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveCustomButton1, true);
    setButtonText(QWizard::CustomButton1, tr("Dark &theme"));
    button(QWizard::CustomButton1)->setCheckable(true);
    button(QWizard::CustomButton1)->setChecked(AppSettings::theme() == QLatin1String("dark"));
    connect(button(QWizard::CustomButton1), &QAbstractButton::toggled, this, [](bool dark) {
        const QString theme = dark ? QStringLiteral("dark") : QStringLiteral("light");
        AppSettings::setTheme(theme);
        applyTheme(theme);
    });

    m_model = new ModelPage(m_state, this);
    m_calibration = new CalibrationPage(m_state, this);
    m_target = new TargetPage(m_state, this);
    m_measurement = new MeasurementPage(m_state, this);
    m_run = new RunPage(m_state, std::move(runner), this);
    m_finish = new FinishPage(m_state, m_run, this);
    setPage(ModelPageId, m_model);
    setPage(CalibrationPageId, m_calibration);
    setPage(TargetPageId, m_target);
    setPage(MeasurementPageId, m_measurement);
    setPage(RunPageId, m_run);
    setPage(FinishPageId, m_finish);
    setStartId(ModelPageId);

    resize(980, 720);
    restoreGeometry(AppSettings::windowGeometry());
}

ConversionWizard::~ConversionWizard() { saveSettings(); }

void ConversionWizard::openMeasurement(const QString& file)
{
    m_state.measurementMode = MeasurementMode::Reuse;
    m_state.settings.reuseMeasurement = file.toStdString();
}

void ConversionWizard::saveSettings()
{
    AppSettings::saveState(m_state);
    AppSettings::setWindowGeometry(saveGeometry());
}

void ConversionWizard::reject()
{
    // Closing mid-job stops the core at its next safe point; the RunPage's controller joins the thread
    // when the wizard is destroyed, and the job folder stays resumable.
    if (m_run->isRunning())
        m_run->controller()->requestCancel();
    saveSettings();
    QWizard::reject();
}

void ConversionWizard::closeEvent(QCloseEvent* event)
{
    if (m_run->isRunning())
        m_run->controller()->requestCancel();
    saveSettings();
    QWizard::closeEvent(event);
}

}  // namespace exl2
