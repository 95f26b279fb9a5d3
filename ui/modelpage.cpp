#include "modelpage.h"

#include "appsettings.h"
#include "backend/registry.h"
#include "formatting.h"
#include "model/demo_model.h"
#include "util/error.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace exl2 {

ModelPage::ModelPage(WizardState& state, QWidget* parent) : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Model"));
    setSubTitle(tr("Choose the Hugging Face model folder to convert (config.json and *.safetensors), "
                   "or try the built-in demo model."));

    m_folder = new QComboBox(this);
    m_folder->setEditable(true);
    m_folder->setInsertPolicy(QComboBox::NoInsert);
    m_folder->addItems(AppSettings::recentFolders(QStringLiteral("model")));
    m_folder->setCurrentText(QString());
    m_folder->lineEdit()->setPlaceholderText(tr("Model folder"));
    m_folder->setToolTip(tr("A folder with config.json and the model's .safetensors files"));
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_demo = new QPushButton(tr("Use the &demo model"), this);
    m_demo->setToolTip(tr("A tiny generated Llama model: converts in seconds on any computer"));

    auto* row = new QHBoxLayout;
    row->addWidget(m_folder, 1);
    row->addWidget(m_browse);
    row->addWidget(m_demo);

    m_error = makeMessageLabel(MessageKind::Error, this);
    m_warnings = makeMessageLabel(MessageKind::Warning, this);
    m_architecture = new QLabel(this);
    m_shape = new QLabel(this);
    m_size = new QLabel(this);
    m_dtype = new QLabel(this);
    m_rope = new QLabel(this);
    m_memory = new QLabel(this);
    m_memory->setWordWrap(true);
    for (QLabel* l : {m_architecture, m_shape, m_size, m_dtype, m_rope, m_memory})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_device = new QComboBox(this);
    m_device->addItem(tr("Automatic (%1)").arg(QString::fromStdString(BackendRegistry::autoChoice())),
                      QStringLiteral("auto"));
    for (const BackendChoice& c : BackendRegistry::choices()) {
        const QString text = c.available ? QString::fromStdString(c.id + " — " + c.description)
                                         : tr("%1 — unavailable: %2")
                                               .arg(QString::fromStdString(c.id), QString::fromStdString(c.unavailableReason));
        m_device->addItem(text, QString::fromStdString(c.id));
        if (!c.available)
            m_device->setItemData(m_device->count() - 1, 0, Qt::UserRole - 1);  // disable the item
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Architecture:"), m_architecture);
    form->addRow(tr("Shape:"), m_shape);
    form->addRow(tr("Size on disk:"), m_size);
    form->addRow(tr("Weights:"), m_dtype);
    form->addRow(tr("RoPE:"), m_rope);
    form->addRow(tr("Memory needed:"), m_memory);
    form->addRow(tr("&Device:"), m_device);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addWidget(m_warnings);
    layout->addStretch(1);

    connect(m_browse, &QPushButton::clicked, this, &ModelPage::browse);
    connect(m_demo, &QPushButton::clicked, this, [this] { useDemoModel(); });
    connect(m_folder->lineEdit(), &QLineEdit::editingFinished, this, [this] { setModelFolder(m_folder->currentText()); });
    connect(m_folder, &QComboBox::activated, this, [this](int i) { setModelFolder(m_folder->itemText(i)); });

    setTabOrder(m_folder, m_browse);
    setTabOrder(m_browse, m_demo);
    setTabOrder(m_demo, m_device);
    showFacts();
}

QString ModelPage::demoModelFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/exl2-studio/demo-model");
}

void ModelPage::initializePage()
{
    const int device = m_device->findData(QString::fromStdString(m_state.settings.device));
    m_device->setCurrentIndex(device >= 0 ? device : 0);
    if (!m_facts && !m_state.settings.inDir.empty()) {
        if (m_state.demoModel)
            useDemoModel();
        else
            setModelFolder(QString::fromStdString(m_state.settings.inDir));
    }
}

void ModelPage::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), m_folder->currentText());
    if (!dir.isEmpty())
        setModelFolder(dir);
}

bool ModelPage::setModelFolder(const QString& dir)
{
    m_isDemo = false;
    m_folder->setCurrentText(dir);
    m_facts.reset();
    QString error;
    if (dir.trimmed().isEmpty()) {
        error.clear();
    } else {
        try {
            m_facts = inspectModel(dir.toStdString(), m_state.settings.datasetRows, m_state.settings.length);
        } catch (const Error& e) {
            error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            error = tr("Could not read the model folder: %1").arg(QString::fromLocal8Bit(e.what()));
        }
    }
    showMessage(m_error, error);
    showFacts();
    emit completeChanged();
    return m_facts.has_value();
}

bool ModelPage::useDemoModel()
{
    const QString dir = demoModelFolder();
    try {
        writeDemoModel(dir.toStdString());
    } catch (const Error& e) {
        showMessage(m_error, tr("Could not write the demo model: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    const bool ok = setModelFolder(dir);
    m_isDemo = ok;
    return ok;
}

QString ModelPage::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void ModelPage::showFacts()
{
    if (!m_facts) {
        for (QLabel* l : {m_architecture, m_shape, m_size, m_dtype, m_rope, m_memory})
            l->setText(QStringLiteral("—"));
        showMessage(m_warnings, QString());
        return;
    }
    const ModelFacts& f = *m_facts;
    const ModelConfig& c = f.config;
    const ModelSummary& m = f.summary;
    m_architecture->setText(QString::fromStdString(c.architecture));
    m_shape->setText(tr("%1 layers, hidden size %2, %3 heads (%4 KV), vocabulary %5, %6 parameters")
                         .arg(c.numLayers).arg(c.hiddenSize).arg(c.numHeads).arg(c.numKvHeads).arg(c.vocabSize)
                         .arg(QLocale().toString(qlonglong(m.parameterCount))));
    m_size->setText(formatBytes(m.fileBytes));
    m_dtype->setText(QString::fromStdString(m.dtype.empty() ? c.torchDtype : m.dtype));
    m_rope->setText(describeRope(c));
    m_memory->setText(tr("about %1 RAM, %2 on the device (for %3 calibration rows of %4 tokens)")
                          .arg(formatBytes(m.ram.totalBytes), formatBytes(m.vram.totalBytes))
                          .arg(m.calibrationRows).arg(m.calibrationLength));
    QStringList warnings;
    for (const auto& w : m.warnings)
        warnings << QString::fromStdString(w);
    showMessage(m_warnings, warnings.join(QLatin1Char('\n')));
}

bool ModelPage::isComplete() const { return m_facts.has_value(); }

bool ModelPage::validatePage()
{
    if (!m_facts)
        return false;
    m_state.settings.inDir = m_folder->currentText().toStdString();
    m_state.settings.device = m_device->currentData().toString().toStdString();
    m_state.demoModel = m_isDemo;
    m_state.model = m_facts->config;
    if (!m_isDemo)
        AppSettings::addRecentFolder(QStringLiteral("model"), m_folder->currentText());
    return true;
}

}  // namespace exl2
