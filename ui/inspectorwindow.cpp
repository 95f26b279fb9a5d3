#include "inspectorwindow.h"

#include "inspectorcharts.h"
#include "inspectortable.h"
#include "optimize/strategy.h"
#include "util/error.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace exl2 {

namespace {

constexpr double kSliderSteps = 1000.0;  // slider ticks per bit: 0.001 bpw resolution
constexpr double kMiB = 1024.0 * 1024.0;

}  // namespace

InspectorWindow::InspectorWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("inspectorWindow"));
    setWindowTitle(tr("Allocation inspector"));
    m_allocationChart = new InspectorAllocationChart(this);
    m_errorChart = new InspectorErrorChart(this);
    m_table = new InspectorTable(this);
    auto* charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(m_allocationChart);
    charts->addWidget(m_errorChart);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(buildControls());
    leftLayout->addWidget(m_table, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(charts);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    setCentralWidget(split);
    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    buildMenus();
    connect(&m_engine, &InspectorEngine::allocationChanged, this, &InspectorWindow::allocationChanged);
    connect(&m_engine, &InspectorEngine::failed, this, [this](const QString& message) {
        m_lastError = message;
        m_status->setText(message);
    });
    connect(m_table, &InspectorTable::pinRequested, this,
            [this](const std::string& key, int option) { pinModule(QString::fromStdString(key), option); });
    resize(1200, 800);
}

QWidget* InspectorWindow::buildControls()
{
    auto* box = new QGroupBox(tr("Target"), this);
    auto* form = new QFormLayout(box);
    m_slider = new QSlider(Qt::Horizontal, box);
    m_slider->setObjectName(QStringLiteral("targetSlider"));
    m_slider->setToolTip(tr("Drag to change the target bits per weight"));
    form->addRow(tr("Target bpw"), m_slider);
    auto spin = [box](const QString& name, int decimals, double max, const QString& suffix) {
        auto* s = new QDoubleSpinBox(box);
        s->setObjectName(name);
        s->setDecimals(decimals);
        s->setRange(0, max);
        s->setSuffix(suffix);
        s->setKeyboardTracking(false);  // act on Enter / focus out, not on every digit typed
        return s;
    };
    m_bpwSpin = spin(QStringLiteral("bpwSpin"), 4, 16, tr(" bpw"));
    form->addRow(tr("Bits per weight"), m_bpwSpin);
    m_fileSpin = spin(QStringLiteral("fileSizeSpin"), 3, 1e9, tr(" MiB"));
    m_fileSpin->setToolTip(tr("Output .safetensors size: decoder layers at the target plus embeddings, norms "
                              "(fp16) and the head at the head bits"));
    form->addRow(tr("Output file size"), m_fileSpin);
    m_vramSpin = spin(QStringLiteral("vramSpin"), 3, 1e9, tr(" MiB"));
    m_vramSpin->setToolTip(tr("Estimate: file size + fp16 key/value cache for the context length + one "
                              "2048-token forward chunk of activations"));
    form->addRow(tr("VRAM budget"), m_vramSpin);
    m_contextSpin = new QSpinBox(box);
    m_contextSpin->setObjectName(QStringLiteral("contextSpin"));
    m_contextSpin->setRange(1, 1 << 20);
    m_contextSpin->setValue(4096);
    m_contextSpin->setKeyboardTracking(false);
    form->addRow(tr("Context length (VRAM)"), m_contextSpin);
    m_headBitsCombo = new QComboBox(box);
    for (int b : {2, 3, 4, 5, 6, 8})
        m_headBitsCombo->addItem(QString::number(b), b);
    m_headBitsCombo->setCurrentIndex(4);
    form->addRow(tr("Head bits"), m_headBitsCombo);
    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_summary);
    auto* clear = new QPushButton(tr("Clear pins"), box);
    auto* exportButton = new QPushButton(tr("Export strategy..."), box);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(clear);
    buttons->addWidget(exportButton);
    form->addRow(buttons);

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { m_engine.setTarget(v / kSliderSteps); });
    connect(m_bpwSpin, &QDoubleSpinBox::valueChanged, this, &InspectorWindow::setTargetBpw);
    connect(m_fileSpin, &QDoubleSpinBox::valueChanged, this, &InspectorWindow::setTargetFileSizeMiB);
    connect(m_vramSpin, &QDoubleSpinBox::valueChanged, this, &InspectorWindow::setVramBudgetMiB);
    connect(m_contextSpin, &QSpinBox::valueChanged, this, [this] { syncControls(); });
    connect(m_headBitsCombo, &QComboBox::currentIndexChanged, this, [this] { syncControls(); });
    connect(clear, &QPushButton::clicked, this, &InspectorWindow::clearPins);
    connect(exportButton, &QPushButton::clicked, this, &InspectorWindow::exportStrategyDialog);
    return box;
}

void InspectorWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open measurement..."), QKeySequence::Open, this, &InspectorWindow::openDialog);
    file->addAction(tr("&Export strategy..."), QKeySequence::Save, this, &InspectorWindow::exportStrategyDialog);
    file->addAction(tr("Export allocation as &CSV..."), this, &InspectorWindow::exportCsvDialog);
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);
}

bool InspectorWindow::openMeasurement(const QString& measurementPath, const QString& modelDir)
{
    try {
        m_input = std::make_shared<const InspectorInput>(
            loadInspectorInput(measurementPath.toStdString(), modelDir.toStdString()));
    } catch (const Error& e) {
        m_lastError = QString::fromUtf8(e.what());
        return false;
    }
    m_lastError.clear();
    m_engine.setInput(m_input);
    m_table->setProblem(m_input->problem);
    setWindowTitle(tr("Allocation inspector - %1").arg(QFileInfo(measurementPath).fileName()));
    m_fileSpin->setEnabled(true);
    m_vramSpin->setEnabled(m_input->sizes.haveModel);  // the cache needs the model's shapes
    m_contextSpin->setEnabled(m_input->sizes.haveModel);
    m_headBitsCombo->setEnabled(m_input->sizes.haveModel);
    updateRange();
    m_engine.setTarget(std::clamp(4.125, m_engine.minBpw(), m_engine.maxBpw()));
    return m_lastError.isEmpty();
}

void InspectorWindow::updateRange()
{
    const QSignalBlocker blockSlider(m_slider), blockSpin(m_bpwSpin);
    m_slider->setRange(int(std::ceil(m_engine.minBpw() * kSliderSteps)), int(std::floor(m_engine.maxBpw() * kSliderSteps)));
    m_bpwSpin->setRange(m_engine.minBpw(), m_engine.maxBpw());
}

void InspectorWindow::setTargetBpw(double bpw) { m_engine.setTarget(bpw); }

void InspectorWindow::setTargetFileSizeMiB(double mib)
{
    if (m_input)
        m_engine.setTarget(m_input->sizes.bpwForFileBytes(mib * kMiB, headBits()));
}

void InspectorWindow::setVramBudgetMiB(double mib)
{
    if (m_input && m_input->sizes.haveModel)
        m_engine.setTarget(m_input->sizes.bpwForVramBytes(mib * kMiB, headBits(), m_contextSpin->value()));
}

void InspectorWindow::setContextLength(int tokens) { m_contextSpin->setValue(tokens); }

void InspectorWindow::setHeadBits(int bits)
{
    const int index = m_headBitsCombo->findData(bits);
    if (index >= 0)
        m_headBitsCombo->setCurrentIndex(index);
}

int InspectorWindow::headBits() const { return m_headBitsCombo->currentData().toInt(); }

void InspectorWindow::pinModule(const QString& key, int option)
{
    m_engine.setPin(key.toStdString(), option);
    updateRange();
}

void InspectorWindow::clearPins()
{
    m_engine.clearPins();
    updateRange();
}

double InspectorWindow::estimatedFileMiB() const
{
    return m_input ? double(m_input->sizes.fileBytes(m_engine.target(), headBits())) / kMiB : 0.0;
}

double InspectorWindow::estimatedVramMiB() const
{
    return m_input && m_input->sizes.haveModel
               ? double(m_input->sizes.vramBytes(m_engine.target(), headBits(), m_contextSpin->value())) / kMiB
               : 0.0;
}

void InspectorWindow::allocationChanged()
{
    const Allocation& a = m_engine.allocation();
    m_allocationChart->setAllocation(a);
    m_errorChart->setAllocation(a);
    m_table->setAllocation(a);
    syncControls();
}

void InspectorWindow::syncControls()
{
    if (!m_input)
        return;
    const QSignalBlocker b1(m_slider), b2(m_bpwSpin), b3(m_fileSpin), b4(m_vramSpin);
    const double target = m_engine.target();
    m_slider->setValue(int(std::lround(target * kSliderSteps)));
    m_bpwSpin->setValue(target);
    m_fileSpin->setValue(estimatedFileMiB());
    m_vramSpin->setValue(estimatedVramMiB());
    const Allocation& a = m_engine.allocation();
    m_summary->setText(tr("Achieved %1 bpw (range %2 to %3)\nMax error %4, sum(log err) %5\nError norm %6, %7 pinned")
                           .arg(a.bpw, 0, 'f', 4)
                           .arg(m_engine.minBpw(), 0, 'f', 4)
                           .arg(m_engine.maxBpw(), 0, 'f', 4)
                           .arg(a.maxErr, 0, 'g', 6)
                           .arg(a.sumLogErr, 0, 'f', 4)
                           .arg(a.errorNorm, 0, 'f', 4)
                           .arg(m_engine.pins().size()));
    m_status->setText(m_engine.isRefined()
                          ? tr("Exact optimum of the full norm search (as exl2-convert computes it)")
                          : (a.proven ? tr("Fast answer: optimum at error norm %1 (%2 ms); refining with the full "
                                            "norm search...")
                                      : tr("Fast answer: near-optimal at error norm %1 (%2 ms); refining with the "
                                           "full norm search..."))
                                .arg(a.errorNorm, 0, 'f', 4)
                                .arg(m_engine.lastFastMs(), 0, 'f', 1));
}

bool InspectorWindow::exportStrategy(const QString& path)
{
    if (!m_input || !m_engine.hasAllocation()) {
        m_lastError = tr("No allocation to export: open a measurement first");
        return false;
    }
    if (!m_engine.waitForRefined()) {
        m_lastError = tr("The full optimizer search did not finish: %1").arg(m_engine.lastError());
        return false;
    }
    try {
        writeStrategy(path.toStdString(), strategyFromAllocation(m_input->reference, m_engine.allocation()));
    } catch (const Error& e) {
        m_lastError = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

bool InspectorWindow::exportAllocationCsv(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        m_lastError = tr("%1: cannot write (%2)").arg(path, f.errorString());
        return false;
    }
    QTextStream out(&f);
    m_allocationChart->writeCsv(out);
    return true;
}

void InspectorWindow::openDialog()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open measurement"), {}, tr("Measurement (*.json)"));
    if (file.isEmpty())
        return;
    const QString model = QFileDialog::getExistingDirectory(
        this, tr("Model folder (optional: cancel to use the measurement alone)"), QFileInfo(file).absolutePath());
    if (!openMeasurement(file, model))
        QMessageBox::warning(this, tr("Open measurement"), m_lastError);
}

void InspectorWindow::exportStrategyDialog()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export strategy"), QStringLiteral("strategy.json"),
                                                      tr("Strategy (*.json)"));
    if (file.isEmpty())
        return;
    if (exportStrategy(file))
        m_status->setText(tr("Strategy written to %1: convert with exl2-convert --strategy %1").arg(file));
    else
        QMessageBox::warning(this, tr("Export strategy"), m_lastError);
}

void InspectorWindow::exportCsvDialog()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export allocation"), QStringLiteral("allocation.csv"),
                                                      tr("CSV (*.csv)"));
    if (!file.isEmpty() && !exportAllocationCsv(file))
        QMessageBox::warning(this, tr("Export allocation"), m_lastError);
}

}  // namespace exl2
