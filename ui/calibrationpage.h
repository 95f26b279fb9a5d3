// Wizard page 2: the calibration text (built-in, or a parquet/jsonl/txt file with a preview of its first
// rows and their token count) and how many rows of what length the measurement and quant passes use.
#pragma once

#include "wizardstate.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace exl2 {

class CalibrationPage : public QWizardPage {
    Q_OBJECT
public:
    static constexpr int kLongRowTokens = 2048;

    CalibrationPage(WizardState& state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // Selects a dataset file ("" = built-in) and refreshes the preview; true when it reads.
    bool setDataset(const QString& file);
    void setLengths(int measurementRows, int measurementLength, int datasetRows, int length);
    QString warningText() const;
    QString errorText() const;
    QString previewText() const;
    qint64 previewTokens() const { return m_previewTokens; }

private:
    void refreshPreview();
    void updateWarnings();

    WizardState& m_state;
    QRadioButton* m_builtIn;
    QRadioButton* m_fromFile;
    QLineEdit* m_file;
    QPushButton* m_browse;
    QLineEdit* m_column;
    QPlainTextEdit* m_preview;
    QLabel* m_tokens;
    QLabel* m_error;
    QSpinBox* m_measurementRows;
    QSpinBox* m_measurementLength;
    QSpinBox* m_datasetRows;
    QSpinBox* m_length;
    QLabel* m_warning;
    bool m_previewOk = true;
    qint64 m_previewTokens = 0;
};

}  // namespace exl2
