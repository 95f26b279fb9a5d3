#include "targetpage.h"

#include "appsettings.h"
#include "formatting.h"
#include "optimize/strategy.h"
#include "util/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <map>
#include <optional>

namespace exl2 {

namespace {
constexpr double kMinSensibleBits = 2.0, kMaxSensibleBits = 8.0;
constexpr int kSliderScale = 100;  // slider steps per bit

// The decoder's bits per weight under a strategy: its records' total bits over the weights of the linears
// they name, whose shapes come from config.json. nullopt for linears of unknown shape (MoE experts).
std::optional<double> strategyBpw(const Strategy& strategy, const ModelConfig& c)
{
    const int64_t q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    const std::map<std::string, std::pair<int64_t, int64_t>> shapes{
        {"q_proj", {c.hiddenSize, q}},  {"k_proj", {c.hiddenSize, kv}},
        {"v_proj", {c.hiddenSize, kv}}, {"o_proj", {q, c.hiddenSize}},
        {"gate_proj", {c.hiddenSize, c.intermediateSize}}, {"up_proj", {c.hiddenSize, c.intermediateSize}},
        {"down_proj", {c.intermediateSize, c.hiddenSize}}};
    double bits = 0, weights = 0;
    for (const auto& [key, record] : strategy) {
        bits += double(record.totalBits);
        for (const auto& [linear, qp] : record.linears) {
            const auto it = shapes.find(linear);
            if (it == shapes.end())
                return std::nullopt;
            weights += double(it->second.first) * double(it->second.second);
        }
    }
    if (weights <= 0)
        return std::nullopt;
    return bits / weights;
}
}  // namespace

TargetPage::TargetPage(WizardState& state, QWidget* parent) : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Target"));
    setSubTitle(tr("How small the converted model should be, and where it goes."));

    m_bits = new QDoubleSpinBox(this);
    m_bits->setRange(1.0, 16.0);
    m_bits->setDecimals(3);
    m_bits->setSingleStep(0.125);
    m_bits->setSuffix(tr(" bpw"));
    m_bitsSlider = new QSlider(Qt::Horizontal, this);
    m_bitsSlider->setRange(1 * kSliderScale, 16 * kSliderScale);
    m_bitsSlider->setPageStep(kSliderScale / 2);
    m_bitsWarning = makeMessageLabel(MessageKind::Warning, this);
    auto* bitsRow = new QHBoxLayout;
    bitsRow->addWidget(m_bits);
    bitsRow->addWidget(m_bitsSlider, 1);

    m_headBits = new QComboBox(this);
    for (int b : {2, 3, 4, 5, 6, 8})
        m_headBits->addItem(QString::number(b), b);

    m_ropeScaleOn = new QCheckBox(tr("Override RoPE scale:"), this);
    m_ropeScale = new QDoubleSpinBox(this);
    m_ropeScale->setRange(0.1, 64.0);
    m_ropeScale->setDecimals(3);
    m_ropeScale->setValue(1.0);
    m_ropeAlphaOn = new QCheckBox(tr("NTK alpha:"), this);
    m_ropeAlpha = new QDoubleSpinBox(this);
    m_ropeAlpha->setRange(0.1, 64.0);
    m_ropeAlpha->setDecimals(3);
    m_ropeAlpha->setValue(1.0);
    m_ropeWarning = makeMessageLabel(MessageKind::Warning, this);
    m_ropeNotice = makeMessageLabel(MessageKind::Notice, this);
    auto* ropeRow = new QHBoxLayout;
    ropeRow->addWidget(m_ropeScaleOn);
    ropeRow->addWidget(m_ropeScale);
    ropeRow->addSpacing(16);
    ropeRow->addWidget(m_ropeAlphaOn);
    ropeRow->addWidget(m_ropeAlpha);
    ropeRow->addStretch(1);

    m_shardSize = new QSpinBox(this);
    m_shardSize->setRange(0, 1 << 20);
    m_shardSize->setSuffix(tr(" MiB"));
    m_shardSize->setSpecialValueText(tr("unlimited"));

    m_outDir = new QLineEdit(this);
    m_outDir->setPlaceholderText(tr("Output (working) folder"));
    m_browse = new QPushButton(tr("Bro&wse…"), this);
    m_folderWarning = makeMessageLabel(MessageKind::Warning, this);
    m_resume = new QCheckBox(tr("&Resume the job in this folder (otherwise start over, deleting only the files a job wrote)"), this);
    m_resume->setVisible(false);
    m_strategy = new QLineEdit(this);
    m_strategy->setPlaceholderText(tr("Optional: an allocation exported by the inspector (strategy .json)"));
    m_strategy->setClearButtonEnabled(true);
    m_strategyBrowse = new QPushButton(tr("Choose…"), this);
    m_strategyNotice = makeMessageLabel(MessageKind::Notice, this);
    m_strategyError = makeMessageLabel(MessageKind::Error, this);
    auto* strategyRow = new QHBoxLayout;
    strategyRow->addWidget(m_strategy, 1);
    strategyRow->addWidget(m_strategyBrowse);

    auto* outRow = new QHBoxLayout;
    outRow->addWidget(m_outDir, 1);
    outRow->addWidget(m_browse);

    // A row holding a layout gets no buddy from QFormLayout: without one the "&" would show literally.
    const auto labelFor = [this](const QString& text, QWidget* buddy) {
        auto* label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    auto* form = new QFormLayout;
    form->addRow(labelFor(tr("&Bits per weight:"), m_bits), bitsRow);
    form->addRow(QString(), m_bitsWarning);
    form->addRow(labelFor(tr("S&trategy file:"), m_strategy), strategyRow);
    form->addRow(QString(), m_strategyNotice);
    form->addRow(QString(), m_strategyError);
    form->addRow(tr("&Head bits:"), m_headBits);
    form->addRow(tr("RoPE:"), ropeRow);
    form->addRow(QString(), m_ropeWarning);
    form->addRow(QString(), m_ropeNotice);
    form->addRow(tr("&Shard size:"), m_shardSize);
    form->addRow(labelFor(tr("&Output folder:"), m_outDir), outRow);
    form->addRow(QString(), m_folderWarning);
    form->addRow(QString(), m_resume);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(m_bits, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const QSignalBlocker block(m_bitsSlider);
        m_bitsSlider->setValue(int(std::lround(v * kSliderScale)));
        updateBitsWarning();
    });
    connect(m_bitsSlider, &QSlider::valueChanged, this, [this](int v) { m_bits->setValue(double(v) / kSliderScale); });
    for (QCheckBox* c : {m_ropeScaleOn, m_ropeAlphaOn})
        connect(c, &QCheckBox::toggled, this, [this] { updateRopeMessages(); });
    for (QDoubleSpinBox* s : {m_ropeScale, m_ropeAlpha})
        connect(s, &QDoubleSpinBox::valueChanged, this, [this] { updateRopeMessages(); });
    connect(m_outDir, &QLineEdit::textChanged, this, [this] { updateFolder(); });
    connect(m_strategy, &QLineEdit::editingFinished, this, [this] { updateStrategy(); });
    connect(m_strategy, &QLineEdit::textChanged, this, [this](const QString& t) {
        if (t.isEmpty())
            updateStrategy();
    });
    connect(m_strategyBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose a strategy file"), m_strategy->text(),
                                                       tr("Strategy (*.json);;All files (*)"));
        if (!f.isEmpty())
            setStrategyFile(f);
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Choose the output folder"), m_outDir->text());
        if (!d.isEmpty())
            setOutputFolder(d);
    });

    setTabOrder(m_bits, m_bitsSlider);
    setTabOrder(m_bitsSlider, m_strategy);
    setTabOrder(m_strategy, m_strategyBrowse);
    setTabOrder(m_strategyBrowse, m_headBits);
    setTabOrder(m_headBits, m_ropeScaleOn);
    setTabOrder(m_ropeScaleOn, m_ropeScale);
    setTabOrder(m_ropeScale, m_ropeAlphaOn);
    setTabOrder(m_ropeAlphaOn, m_ropeAlpha);
    setTabOrder(m_ropeAlpha, m_shardSize);
    setTabOrder(m_shardSize, m_outDir);
    setTabOrder(m_outDir, m_browse);
    setTabOrder(m_browse, m_resume);
}

void TargetPage::initializePage()
{
    const JobSettings& j = m_state.settings;
    setBits(j.bits);
    m_headBits->setCurrentIndex(std::max(0, m_headBits->findData(j.headBits)));
    setRopeScale(j.ropeScale);
    setRopeAlpha(j.ropeAlpha);
    m_shardSize->setValue(j.shardSizeMiB <= 0 ? 0 : int(j.shardSizeMiB));
    setOutputFolder(QString::fromStdString(j.outDir));
    setStrategyFile(QString::fromStdString(j.strategyFile));
    updateRopeMessages();
}

void TargetPage::setBits(double bpw)
{
    m_bits->setValue(bpw);
    updateBitsWarning();
}

void TargetPage::setRopeScale(std::optional<double> scale)
{
    m_ropeScaleOn->setChecked(scale.has_value());
    if (scale)
        m_ropeScale->setValue(*scale);
    updateRopeMessages();
}

void TargetPage::setRopeAlpha(std::optional<double> alpha)
{
    m_ropeAlphaOn->setChecked(alpha.has_value());
    if (alpha)
        m_ropeAlpha->setValue(*alpha);
    updateRopeMessages();
}

void TargetPage::setOutputFolder(const QString& dir)
{
    m_outDir->setText(dir);
    updateFolder();
}

void TargetPage::setResume(bool resume) { m_resume->setChecked(resume); }

void TargetPage::setStrategyFile(const QString& file)
{
    m_strategy->setText(file);
    updateStrategy();
}

void TargetPage::updateStrategy()
{
    const QString file = m_strategy->text().trimmed();
    QString notice, error;
    if (!file.isEmpty()) {
        try {
            const Strategy strategy = readStrategy(file.toStdString());
            const std::optional<double> bpw = m_state.model ? strategyBpw(strategy, *m_state.model) : std::nullopt;
            notice = bpw ? tr("The allocation comes from the strategy (%1 modules): %2 bits per weight in the decoder "
                              "layers. The target above is not used.")
                               .arg(strategy.size())
                               .arg(*bpw, 0, 'f', 3)
                         : tr("The allocation comes from the strategy (%1 modules); the target above is not used.")
                               .arg(strategy.size());
        } catch (const Error& e) {
            error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            error = tr("%1: not a strategy file (%2)").arg(file, QString::fromLocal8Bit(e.what()));
        }
    }
    showMessage(m_strategyNotice, notice);
    showMessage(m_strategyError, error);
    m_bits->setEnabled(notice.isEmpty());
    m_bitsSlider->setEnabled(notice.isEmpty());
    emit completeChanged();
}

void TargetPage::updateBitsWarning()
{
    const double b = m_bits->value();
    showMessage(m_bitsWarning, b < kMinSensibleBits || b > kMaxSensibleBits
                                   ? tr("A target of %1 bits per weight will likely not be attainable: EXL2 "
                                        "options range from about 2 to 8 bits.").arg(b)
                                   : QString());
}

void TargetPage::updateRopeMessages()
{
    m_ropeScale->setEnabled(m_ropeScaleOn->isChecked());
    m_ropeAlpha->setEnabled(m_ropeAlphaOn->isChecked());
    const bool configScales = m_state.model && m_state.model->ropeScaling.type != RopeScalingType::None;
    const bool userScales = m_ropeScaleOn->isChecked() || m_ropeAlphaOn->isChecked();
    QString warning, notice;
    if (configScales && userScales) {
        warning = tr("config.json already applies %1 RoPE scaling (factor %2): an override on top scales the "
                     "positions twice during calibration.")
                      .arg(QString::fromLatin1(ropeScalingTypeName(m_state.model->ropeScaling.type)))
                      .arg(m_state.model->ropeScaling.factor);
    } else if (configScales) {
        notice = tr("config.json declares %1 RoPE scaling (factor %2); calibration uses it as is, no override needed.")
                     .arg(QString::fromLatin1(ropeScalingTypeName(m_state.model->ropeScaling.type)))
                     .arg(m_state.model->ropeScaling.factor);
    }
    showMessage(m_ropeWarning, warning);
    showMessage(m_ropeNotice, notice);
}

void TargetPage::updateFolder()
{
    const QString path = m_outDir->text().trimmed();
    const QDir dir(path);
    const bool exists = !path.isEmpty() && dir.exists();
    const bool hasJob = exists && dir.exists(QStringLiteral("job.json"));
    const bool nonEmpty = exists && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    QString warning;
    if (hasJob)
        warning = tr("This folder holds a conversion job.");
    else if (nonEmpty)
        warning = tr("The output folder is not empty; its files are kept, and files of the same name are replaced.");
    showMessage(m_folderWarning, warning);
    if (hasJob && m_resume->isHidden())
        m_resume->setChecked(true);
    m_resume->setVisible(hasJob);
    emit completeChanged();
}

QString TargetPage::bitsWarning() const { return m_bitsWarning->isHidden() ? QString() : m_bitsWarning->text(); }
QString TargetPage::ropeWarning() const { return m_ropeWarning->isHidden() ? QString() : m_ropeWarning->text(); }
QString TargetPage::ropeNotice() const { return m_ropeNotice->isHidden() ? QString() : m_ropeNotice->text(); }
QString TargetPage::folderWarning() const { return m_folderWarning->isHidden() ? QString() : m_folderWarning->text(); }
bool TargetPage::resumeOffered() const { return !m_resume->isHidden(); }
QString TargetPage::strategyNotice() const { return m_strategyNotice->isHidden() ? QString() : m_strategyNotice->text(); }
QString TargetPage::strategyError() const { return m_strategyError->isHidden() ? QString() : m_strategyError->text(); }
bool TargetPage::bitsFromStrategy() const { return !strategyNotice().isEmpty(); }

bool TargetPage::isComplete() const
{
    return !m_outDir->text().trimmed().isEmpty() && m_strategyError->isHidden();
}

bool TargetPage::validatePage()
{
    JobSettings& j = m_state.settings;
    j.bits = m_bits->value();
    j.headBits = m_headBits->currentData().toInt();
    j.ropeScale = m_ropeScaleOn->isChecked() ? std::optional<double>(m_ropeScale->value()) : std::nullopt;
    j.ropeAlpha = m_ropeAlphaOn->isChecked() ? std::optional<double>(m_ropeAlpha->value()) : std::nullopt;
    j.shardSizeMiB = m_shardSize->value() == 0 ? 0.0 : double(m_shardSize->value());
    j.outDir = QDir::cleanPath(m_outDir->text().trimmed()).toStdString();
    j.noResume = resumeOffered() && !m_resume->isChecked();
    const QString strategy = m_strategy->text().trimmed();
    j.strategyFile = strategy.isEmpty() ? std::string() : QFileInfo(strategy).absoluteFilePath().toStdString();
    AppSettings::addRecentFolder(QStringLiteral("output"), m_outDir->text().trimmed());
    return true;
}

}  // namespace exl2
