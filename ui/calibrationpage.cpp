#include "calibrationpage.h"

#include "appsettings.h"
#include "calibrationpreview.h"
#include "formatting.h"
#include "util/error.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace exl2 {

namespace {
QSpinBox* makeSpin(int lo, int hi, QWidget* parent)
{
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    return s;
}
}  // namespace

CalibrationPage::CalibrationPage(WizardState& state, QWidget* parent) : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Calibration"));
    setSubTitle(tr("The text the converter runs through the model to see which weights matter. "
                   "The built-in set mixes prose, code and dialogue; use your own to match your use."));

    m_builtIn = new QRadioButton(tr("&Built-in calibration text"), this);
    m_fromFile = new QRadioButton(tr("&From a file (parquet, jsonl or txt):"), this);
    m_builtIn->setChecked(true);
    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(tr("Calibration file"));
    m_browse = new QPushButton(tr("B&rowse…"), this);
    m_column = new QLineEdit(this);
    m_column->setPlaceholderText(tr("column / field (default: first text column, \"text\")"));
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    m_preview->setMaximumBlockCount(400);
    m_preview->setPlaceholderText(tr("The first rows of the file appear here."));
    m_tokens = new QLabel(this);
    m_error = makeMessageLabel(MessageKind::Error, this);

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fromFile);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);

    m_measurementRows = makeSpin(1, 100000, this);
    m_measurementLength = makeSpin(16, 65536, this);
    m_datasetRows = makeSpin(1, 100000, this);
    m_length = makeSpin(16, 65536, this);
    m_warning = makeMessageLabel(MessageKind::Warning, this);
    auto* sizes = new QGroupBox(tr("Rows and length"), this);
    auto* grid = new QGridLayout(sizes);
    grid->addWidget(new QLabel(tr("Measurement pass:"), sizes), 0, 0);
    grid->addWidget(m_measurementRows, 0, 1);
    grid->addWidget(new QLabel(tr("rows of"), sizes), 0, 2);
    grid->addWidget(m_measurementLength, 0, 3);
    grid->addWidget(new QLabel(tr("tokens"), sizes), 0, 4);
    grid->addWidget(new QLabel(tr("Quantization pass:"), sizes), 1, 0);
    grid->addWidget(m_datasetRows, 1, 1);
    grid->addWidget(new QLabel(tr("rows of"), sizes), 1, 2);
    grid->addWidget(m_length, 1, 3);
    grid->addWidget(new QLabel(tr("tokens"), sizes), 1, 4);
    grid->addWidget(m_warning, 2, 0, 1, 5);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_builtIn);
    layout->addLayout(fileRow);
    layout->addWidget(m_column);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_tokens);
    layout->addWidget(m_error);
    layout->addWidget(sizes);

    connect(m_builtIn, &QRadioButton::toggled, this, [this] { refreshPreview(); });
    connect(m_file, &QLineEdit::editingFinished, this, [this] {
        if (!m_file->text().isEmpty())
            m_fromFile->setChecked(true);
        refreshPreview();
    });
    connect(m_column, &QLineEdit::editingFinished, this, [this] { refreshPreview(); });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose calibration text"), m_file->text(),
                                                       tr("Calibration text (*.parquet *.jsonl *.txt);;All files (*)"));
        if (!f.isEmpty())
            setDataset(f);
    });
    for (QSpinBox* s : {m_measurementRows, m_measurementLength, m_datasetRows, m_length})
        connect(s, &QSpinBox::valueChanged, this, [this] { updateWarnings(); });

    setTabOrder(m_builtIn, m_fromFile);
    setTabOrder(m_fromFile, m_file);
    setTabOrder(m_file, m_browse);
    setTabOrder(m_browse, m_column);
    setTabOrder(m_column, m_preview);
    setTabOrder(m_preview, m_measurementRows);
    setTabOrder(m_measurementRows, m_measurementLength);
    setTabOrder(m_measurementLength, m_datasetRows);
    setTabOrder(m_datasetRows, m_length);
}

void CalibrationPage::initializePage()
{
    const JobSettings& j = m_state.settings;
    m_file->setText(QString::fromStdString(j.calDataset));
    m_column->setText(QString::fromStdString(j.calColumn));
    (j.calDataset.empty() ? m_builtIn : m_fromFile)->setChecked(true);
    setLengths(j.measurementRows, j.measurementLength, j.datasetRows, j.length);
    refreshPreview();
}

bool CalibrationPage::setDataset(const QString& file)
{
    m_file->setText(file);
    (file.isEmpty() ? m_builtIn : m_fromFile)->setChecked(true);
    refreshPreview();
    return m_previewOk;
}

void CalibrationPage::setLengths(int measurementRows, int measurementLength, int datasetRows, int length)
{
    m_measurementRows->setValue(measurementRows);
    m_measurementLength->setValue(measurementLength);
    m_datasetRows->setValue(datasetRows);
    m_length->setValue(length);
    updateWarnings();
}

void CalibrationPage::refreshPreview()
{
    const bool fromFile = m_fromFile->isChecked();
    m_file->setEnabled(fromFile);
    m_browse->setEnabled(fromFile);
    m_column->setEnabled(fromFile);
    m_preview->clear();
    m_previewTokens = 0;
    QString error;
    try {
        const CalibrationPreview p = loadCalibrationPreview(fromFile ? m_file->text().toStdString() : std::string(),
                                                            m_column->text().toStdString(), m_state.settings.inDir);
        QStringList rows;
        for (const auto& row : p.rows)
            rows << QString::fromStdString(row).left(600).replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
        m_preview->setPlainText(rows.join(QStringLiteral("\n\n")));
        m_previewTokens = qint64(p.tokens);
        m_tokens->setText(p.tokensCounted
                              ? tr("%1 rows in total; the first %2 rows shown hold %3 tokens.")
                                    .arg(p.totalRows).arg(p.rows.size()).arg(p.tokens)
                              : tr("%1 rows in total (tokens are counted once a model is chosen).").arg(p.totalRows));
        m_previewOk = true;
    } catch (const Error& e) {
        error = QString::fromStdString(e.what());
        m_tokens->clear();
        m_previewOk = false;
    }
    if (fromFile && m_file->text().isEmpty()) {
        error = tr("Choose a calibration file, or use the built-in text.");
        m_previewOk = false;
    }
    showMessage(m_error, error);
    emit completeChanged();
}

void CalibrationPage::updateWarnings()
{
    const bool tooLong = m_length->value() > kLongRowTokens || m_measurementLength->value() > kLongRowTokens;
    showMessage(m_warning, tooLong ? tr("Rows longer than %1 tokens may need excessive memory.").arg(kLongRowTokens)
                                   : QString());
}

QString CalibrationPage::warningText() const { return m_warning->isHidden() ? QString() : m_warning->text(); }
QString CalibrationPage::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }
QString CalibrationPage::previewText() const { return m_preview->toPlainText(); }

bool CalibrationPage::isComplete() const { return m_previewOk; }

bool CalibrationPage::validatePage()
{
    JobSettings& j = m_state.settings;
    j.calDataset = m_fromFile->isChecked() ? m_file->text().toStdString() : std::string();
    j.calColumn = m_fromFile->isChecked() ? m_column->text().toStdString() : std::string();
    j.measurementRows = m_measurementRows->value();
    j.measurementLength = m_measurementLength->value();
    j.datasetRows = m_datasetRows->value();
    j.length = m_length->value();
    if (!j.calDataset.empty())
        AppSettings::addRecentFolder(QStringLiteral("calibration"), QFileInfo(m_file->text()).absolutePath());
    return true;
}

}  // namespace exl2
