// Wizard page 4: measure now, reuse a measurement.json (ours or exllamav2's), or measure only and write
// measurement.json without quantizing. This is the commit page: its button starts the conversion.
#pragma once

#include "wizardstate.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace exl2 {

class MeasurementPage : public QWizardPage {
    Q_OBJECT
public:
    MeasurementPage(WizardState& state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    void setMode(MeasurementMode mode);
    void setReusePath(const QString& file);
    void setMeasureOnlyPath(const QString& file);
    QString errorText() const;

private:
    void update();

    WizardState& m_state;
    QRadioButton* m_measureNow;
    QRadioButton* m_reuse;
    QRadioButton* m_measureOnly;
    QLineEdit* m_reusePath;
    QPushButton* m_reuseBrowse;
    QLineEdit* m_onlyPath;
    QPushButton* m_onlyBrowse;
    QLabel* m_error;
};

}  // namespace exl2
