#include "comparisonwindow.h"

#include "comparisontables.h"
#include "formatting.h"

#include "optimize/measurement.h"
#include "util/error.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace exl2 {

ComparisonWindow::ComparisonWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Compare measurements"));
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Add measurement..."), QKeySequence::Open, this, &ComparisonWindow::addFromDialog);
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_filesLabel = new QLabel(tr("Add two or more measurement.json files of the same model (File > Add measurement)."),
                              central);
    m_filesLabel->setWordWrap(true);
    m_filesLabel->setTextFormat(Qt::RichText);
    m_message = makeMessageLabel(MessageKind::Error, central);

    auto* controls = new QHBoxLayout;
    m_module = new QComboBox(central);
    m_module->setMinimumContentsLength(28);
    m_target = new QDoubleSpinBox(central);
    m_target->setDecimals(3);
    m_target->setSingleStep(0.125);
    m_target->setRange(2.0, 8.0);
    m_target->setValue(4.0);
    m_target->setSuffix(tr(" bpw"));
    controls->addWidget(new QLabel(tr("Module:"), central));
    controls->addWidget(m_module);
    controls->addSpacing(24);
    controls->addWidget(new QLabel(tr("Allocation target:"), central));
    controls->addWidget(m_target);
    controls->addStretch(1);

    m_curves = new ComparisonCurveChart(central);
    m_differences = new ComparisonDifferenceChart(central);
    m_allocation = new ComparisonAllocationChart(central);
    m_summary = new QTableWidget(central);
    m_allocationTable = new QTableWidget(central);
    auto* tables = new QTabWidget(central);
    tables->addTab(m_summary, tr("Summary"));
    tables->addTab(m_allocationTable, tr("Allocations"));

    auto* left = new QSplitter(Qt::Vertical, central);
    left->addWidget(m_curves);
    left->addWidget(m_allocation);
    auto* right = new QSplitter(Qt::Vertical, central);
    right->addWidget(m_differences);
    right->addWidget(tables);
    auto* columns = new QSplitter(Qt::Horizontal, central);
    columns->addWidget(left);
    columns->addWidget(right);
    columns->setSizes({560, 640});
    left->setSizes({400, 400});
    right->setSizes({300, 500});

    layout->addWidget(m_filesLabel);
    layout->addWidget(m_message);
    layout->addLayout(controls);
    layout->addWidget(columns, 1);
    setCentralWidget(central);
    resize(1200, 800);

    connect(m_module, &QComboBox::currentIndexChanged, this, &ComparisonWindow::moduleChosen);
    connect(m_target, &QDoubleSpinBox::valueChanged, this, &ComparisonWindow::targetChanged);
}

QString ComparisonWindow::displayName(const QString& path, const std::vector<File>& others) const
{
    const QFileInfo info(path);
    for (const auto& f : others)
        if (f.path != path && QFileInfo(f.path).fileName() == info.fileName())
            return info.dir().dirName() + QLatin1Char('/') + info.fileName();
    return info.fileName();
}

QStringList ComparisonWindow::fileNames() const
{
    QStringList names;
    for (const auto& f : m_files)
        names << displayName(f.path, m_files);
    return names;
}

bool ComparisonWindow::addMeasurement(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    std::vector<File> withNew = m_files;
    withNew.push_back({absolute, {}});
    const QString name = displayName(absolute, withNew);
    for (const auto& f : m_files)
        if (f.path == absolute) {
            m_lastError = tr("%1 is already open.").arg(name);
            showMessage(m_message, m_lastError);
            return false;
        }
    try {
        File file{absolute, buildProblem(readMeasurement(absolute.toStdString()))};
        if (!m_files.empty())
            requireSameModel(m_files.front().problem, file.problem, displayName(m_files.front().path, withNew).toStdString(),
                             name.toStdString());
        m_files.push_back(std::move(file));
    } catch (const Error& e) {
        m_lastError = tr("%1 was not added: %2").arg(name, QString::fromStdString(e.what()));
        showMessage(m_message, m_lastError);
        return false;
    }
    m_lastError.clear();
    showMessage(m_message, {});
    refresh();
    return true;
}

void ComparisonWindow::addFromDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Add measurement"), QString(),
                                                            tr("Measurement files (*.json);;All files (*)"));
    for (const QString& p : paths)
        if (!addMeasurement(p))
            break;  // the message says which file and why
}

double ComparisonWindow::targetBpw() const { return m_target->value(); }

void ComparisonWindow::setTargetBpw(double bpw) { m_target->setValue(bpw); }

void ComparisonWindow::showModule(const QString& key)
{
    const int i = m_module->findData(key);
    if (i >= 0)
        m_module->setCurrentIndex(i);
}

void ComparisonWindow::refresh()
{
    const QStringList names = fileNames();
    QStringList shown;
    for (int f = 0; f < names.size(); ++f)
        shown << QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2%3")
                     .arg(comparisonColor(f).name(), names[f].toHtmlEscaped(),
                          f == 0 ? tr(" (reference)") : QString());
    m_filesLabel->setText(shown.join(QStringLiteral(" &nbsp; ")));

    const auto& ref = m_files.front().problem;
    m_comparisons.clear();
    for (size_t f = 1; f < m_files.size(); ++f)
        m_comparisons.push_back(compareMeasurements(ref, m_files[f].problem, names[0].toStdString(),
                                                    names[int(f)].toStdString()));
    m_differences->setComparisons(names, m_comparisons);

    // Module list: the reference's modules, the most disagreeing one preselected on the first comparison.
    const QString current = m_module->currentData().toString();
    {
        const QSignalBlocker block(m_module);
        m_module->clear();
        for (const auto& s : ref.moduleSlots)
            m_module->addItem(QString::fromStdString(s.key), QString::fromStdString(s.key));
    }
    QString pick = current;
    // With the first comparison (or a module list that changed) open on the most disagreeing module.
    if ((m_files.size() == 2 || m_module->findData(pick) < 0) && !m_comparisons.empty())
        pick = QString::fromStdString(m_comparisons[0].modules[size_t(m_comparisons[0].summary.byDisagreement[0])].key);
    m_module->setCurrentIndex(std::max(0, m_module->findData(pick)));
    moduleChosen();

    // Targets every file can reach.
    double lo = 0, hi = 1e9;
    for (const auto& f : m_files) {
        lo = std::max(lo, f.problem.minBpw());
        hi = std::min(hi, f.problem.maxBpw());
    }
    {
        const QSignalBlocker block(m_target);
        m_target->setRange(std::ceil(lo * 1000) / 1000, std::floor(hi * 1000) / 1000);
    }
    refreshAllocations();
}

void ComparisonWindow::moduleChosen()
{
    if (m_files.empty() || m_module->currentIndex() < 0)
        return;
    const std::string key = m_module->currentData().toString().toStdString();
    std::vector<const OptimizerSlot*> chosenSlots;
    for (const auto& f : m_files)
        for (const auto& s : f.problem.moduleSlots)
            if (s.key == key)
                chosenSlots.push_back(&s);
    m_curves->setModule(QString::fromStdString(key), fileNames(), chosenSlots);
}

void ComparisonWindow::targetChanged() { refreshAllocations(); }

void ComparisonWindow::refreshAllocations()
{
    m_allocations.clear();
    m_allocationComparisons.clear();
    m_allocationError.clear();
    const QStringList names = fileNames();
    try {
        for (const auto& f : m_files)
            m_allocations.push_back(allocateAtTarget(f.problem, targetBpw()));
        for (size_t f = 1; f < m_files.size(); ++f)
            m_allocationComparisons.push_back(compareAllocations(m_files[0].problem, m_allocations[0],
                                                                 m_files[f].problem, m_allocations[f]));
    } catch (const Error& e) {
        m_allocations.clear();
        m_allocationComparisons.clear();
        m_allocationError = tr("No allocation at %1 bpw: %2").arg(targetBpw()).arg(QString::fromStdString(e.what()));
    }
    showMessage(m_message, m_allocationError);
    if (m_allocations.empty())
        m_allocation->clearData();
    else
        m_allocation->setAllocations(names, m_allocations, targetBpw());
    fillComparisonSummary(m_summary, names, m_comparisons, m_allocationComparisons);
    fillComparisonAllocationTable(m_allocationTable, names, m_allocations, m_allocationComparisons);
}

}  // namespace exl2
