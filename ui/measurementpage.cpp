#include "measurementpage.h"

#include "formatting.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace exl2 {

MeasurementPage::MeasurementPage(WizardState& state, QWidget* parent) : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Measurement"));
    setSubTitle(tr("The converter first measures how much error each layer takes at each bit width, then "
                   "spends the bits where they matter. A measurement can be saved and reused for other targets."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Convert"));

    m_measureNow = new QRadioButton(tr("&Measure now (recommended for a new model)"), this);
    m_reuse = new QRadioButton(tr("Re&use a measurement file:"), this);
    m_measureOnly = new QRadioButton(tr("Measure &only, and save the measurement to:"), this);
    m_measureNow->setChecked(true);
    m_reusePath = new QLineEdit(this);
    m_reusePath->setPlaceholderText(QStringLiteral("measurement.json"));
    m_reuseBrowse = new QPushButton(tr("Browse…"), this);
    m_onlyPath = new QLineEdit(this);
    m_onlyPath->setPlaceholderText(tr("a measurement.json file or a folder"));
    m_onlyBrowse = new QPushButton(tr("Browse…"), this);
    m_error = makeMessageLabel(MessageKind::Error, this);

    auto* grid = new QGridLayout;
    grid->addWidget(m_measureNow, 0, 0, 1, 3);
    grid->addWidget(m_reuse, 1, 0);
    grid->addWidget(m_reusePath, 1, 1);
    grid->addWidget(m_reuseBrowse, 1, 2);
    grid->addWidget(m_measureOnly, 2, 0);
    grid->addWidget(m_onlyPath, 2, 1);
    grid->addWidget(m_onlyBrowse, 2, 2);
    grid->setColumnStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_error);
    layout->addStretch(1);

    for (QRadioButton* r : {m_measureNow, m_reuse, m_measureOnly})
        connect(r, &QRadioButton::toggled, this, [this] { update(); });
    for (QLineEdit* e : {m_reusePath, m_onlyPath})
        connect(e, &QLineEdit::textChanged, this, [this] { update(); });
    connect(m_reuseBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose a measurement"), m_reusePath->text(),
                                                       tr("Measurement (*.json)"));
        if (!f.isEmpty())
            setReusePath(f);
    });
    connect(m_onlyBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save the measurement as"), m_onlyPath->text(),
                                                       tr("Measurement (*.json)"));
        if (!f.isEmpty())
            setMeasureOnlyPath(f);
    });
    setTabOrder(m_measureNow, m_reuse);
    setTabOrder(m_reuse, m_reusePath);
    setTabOrder(m_reusePath, m_reuseBrowse);
    setTabOrder(m_reuseBrowse, m_measureOnly);
    setTabOrder(m_measureOnly, m_onlyPath);
    setTabOrder(m_onlyPath, m_onlyBrowse);
}

void MeasurementPage::initializePage()
{
    const JobSettings& j = m_state.settings;
    if (!j.reuseMeasurement.empty())
        m_reusePath->setText(QString::fromStdString(j.reuseMeasurement));
    if (m_onlyPath->text().isEmpty())
        m_onlyPath->setText(QDir(QString::fromStdString(j.outDir)).filePath(QStringLiteral("measurement.json")));
    setMode(m_state.measurementMode);
}

void MeasurementPage::setMode(MeasurementMode mode)
{
    (mode == MeasurementMode::Reuse ? m_reuse : mode == MeasurementMode::MeasureOnly ? m_measureOnly : m_measureNow)
        ->setChecked(true);
    update();
}

void MeasurementPage::setReusePath(const QString& file)
{
    m_reusePath->setText(file);
    m_reuse->setChecked(true);
    update();
}

void MeasurementPage::setMeasureOnlyPath(const QString& file)
{
    m_onlyPath->setText(file);
    m_measureOnly->setChecked(true);
    update();
}

void MeasurementPage::update()
{
    m_reusePath->setEnabled(m_reuse->isChecked());
    m_reuseBrowse->setEnabled(m_reuse->isChecked());
    m_onlyPath->setEnabled(m_measureOnly->isChecked());
    m_onlyBrowse->setEnabled(m_measureOnly->isChecked());
    QString error;
    if (m_reuse->isChecked() && !QFileInfo(m_reusePath->text()).isFile())
        error = tr("Choose an existing measurement.json to reuse.");
    else if (m_measureOnly->isChecked() && m_onlyPath->text().trimmed().isEmpty())
        error = tr("Choose where to save the measurement.");
    showMessage(m_error, error);
    emit completeChanged();
}

QString MeasurementPage::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

bool MeasurementPage::isComplete() const { return m_error->isHidden(); }

bool MeasurementPage::validatePage()
{
    JobSettings& j = m_state.settings;
    m_state.measurementMode = m_reuse->isChecked()         ? MeasurementMode::Reuse
                              : m_measureOnly->isChecked() ? MeasurementMode::MeasureOnly
                                                           : MeasurementMode::MeasureNow;
    j.reuseMeasurement = m_reuse->isChecked() ? m_reusePath->text().toStdString() : std::string();
    j.outputMeasurement = m_measureOnly->isChecked() ? m_onlyPath->text().trimmed().toStdString() : std::string();
    return isComplete();
}

}  // namespace exl2
