#include "comparisoncharts.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace exl2 {

namespace {

// "model.layers.3.self_attn" -> "3 attn", "model.layers.3.mlp" -> "3 mlp", "...block_sparse_moe" ->
// "3 moe" (translated): short enough for the axis.
QString shortModuleName(const std::string& key)
{
    static const QRegularExpression re(QStringLiteral("layers\\.(\\d+)\\.(\\w+)$"));
    const QString k = QString::fromStdString(key);
    const auto match = re.match(k);
    if (!match.hasMatch())
        return k;
    const QString module = match.captured(2);
    const char* kind = module.contains(QLatin1String("attn")) ? QT_TRANSLATE_NOOP("ComparisonCharts", "attn")
                       : module.contains(QLatin1String("moe")) ? QT_TRANSLATE_NOOP("ComparisonCharts", "moe")
                                                                : QT_TRANSLATE_NOOP("ComparisonCharts", "mlp");
    return match.captured(1) + QLatin1Char(' ') + QCoreApplication::translate("ComparisonCharts", kind);
}

// Module names on the x axis; every n-th one when there are many.
void setModuleTicks(QCPAxis* axis, const std::vector<std::string>& keys)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const int step = std::max(1, int(keys.size()) / 24);
    for (size_t i = 0; i < keys.size(); i += size_t(step))
        ticker->addTick(double(i), shortModuleName(keys[i]));
    axis->setTicker(ticker);
    axis->setTickLabelRotation(keys.size() > 12 ? 60 : 0);
    axis->setRange(-0.6, double(std::max<size_t>(keys.size(), 1)) - 0.4);
}

QCPBars* addStyledBars(QCustomPlot* plot, QCPBarsGroup* group, const QString& name, const QColor& color, double width)
{
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(name);
    bars->setBrush(color);
    bars->setPen(Qt::NoPen);
    bars->setWidth(width);
    bars->setBarsGroup(group);
    return bars;
}

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')))
        return s;
    return QLatin1Char('"') + QString(s).replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

}  // namespace

QColor comparisonColor(int fileIndex)
{
    static const QColor colors[] = {QColor(90, 140, 220), QColor(230, 120, 30), QColor(60, 170, 90),
                                    QColor(200, 60, 140), QColor(140, 100, 200), QColor(150, 130, 40)};
    return colors[size_t(fileIndex) % std::size(colors)];
}

// ---- accuracy-vs-bits curves ----

ComparisonCurveChart::ComparisonCurveChart(QWidget* parent) : ChartBase(parent)
{
    setWindowTitle(tr("Accuracy vs bits per weight"));
    xAxis->setLabel(tr("Bits per weight"));
    yAxis->setLabel(tr("Accuracy (1 - relative error)"));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
}

void ComparisonCurveChart::clearData()
{
    m_key.clear();
    m_names.clear();
    m_slots.clear();
    m_graphs.clear();
    clearGraphs();
    replot(QCustomPlot::rpQueuedReplot);
}

void ComparisonCurveChart::setModule(const QString& key, const QStringList& fileNames,
                                     const std::vector<const OptimizerSlot*>& chosenSlots)
{
    clearData();
    m_key = key;
    m_names = fileNames;
    for (const auto* s : chosenSlots) {
        m_slots.push_back(*s);
        std::stable_sort(m_slots.back().records.begin(), m_slots.back().records.end(),
                         [](const OptionRecord& x, const OptionRecord& y) { return x.totalBits < y.totalBits; });
    }
    double lo = 1e9, hi = -1e9, accLo = 1, accHi = 0;
    for (size_t f = 0; f < m_slots.size(); ++f) {
        QCPGraph* g = addStyledGraph(tr("%1: %2").arg(m_names.value(int(f)), shortModuleName(key.toStdString())),
                                     comparisonColor(int(f)),
                                     f == 0 ? QCPScatterStyle::ssCircle : QCPScatterStyle::ssDiamond, QCPGraph::lsLine);
        m_graphs.push_back(g);
        const auto& slot = m_slots[f];
        for (const auto& r : slot.records) {
            const double bpw = double(r.totalBits) / double(slot.numel);
            g->addData(bpw, r.accuracy);  // in bits order, so data index = record index
            lo = std::min(lo, bpw);
            hi = std::max(hi, bpw);
            accLo = std::min(accLo, r.accuracy);
            accHi = std::max(accHi, r.accuracy);
        }
    }
    if (hi >= lo) {
        xAxis->setRange(lo - 0.2, hi + 0.2);
        const double pad = std::max(1e-4, (accHi - accLo) * 0.08);
        yAxis->setRange(accLo - pad, std::min(1.0, accHi + pad) + pad * 0.2);
    }
    replot(QCustomPlot::rpQueuedReplot);
}

QString ComparisonCurveChart::describePoint(QCPAbstractPlottable* plottable, int index) const
{
    const auto it = std::find(m_graphs.begin(), m_graphs.end(), plottable);
    if (it == m_graphs.end() || index < 0)
        return ChartBase::describePoint(plottable, index);
    const auto& slot = m_slots[size_t(it - m_graphs.begin())];
    if (size_t(index) >= slot.records.size())
        return ChartBase::describePoint(plottable, index);
    const auto& r = slot.records[size_t(index)];
    return tr("%1\n%2\n%3 bpw (%4 bits)\naccuracy %5")
        .arg(plottable->name(), QString::fromStdString(optionRecipe(r)))
        .arg(double(r.totalBits) / double(slot.numel), 0, 'f', 4)
        .arg(r.totalBits)
        .arg(r.accuracy, 0, 'g', 10);
}

void ComparisonCurveChart::writeCsv(QTextStream& out) const
{
    out << "file,module,recipe,total_bits,bpw,accuracy\n";
    for (size_t f = 0; f < m_slots.size(); ++f)
        for (const auto& r : m_slots[f].records)
            out << csvField(m_names.value(int(f))) << ',' << m_key << ','
                << csvField(QString::fromStdString(optionRecipe(r))) << ',' << r.totalBits << ','
                << QString::number(double(r.totalBits) / double(m_slots[f].numel), 'g', 10) << ','
                << QString::number(r.accuracy, 'g', 17) << '\n';
}

// ---- per-module differences ----

ComparisonDifferenceChart::ComparisonDifferenceChart(QWidget* parent) : ChartBase(parent)
{
    setWindowTitle(tr("Accuracy difference per module"));
    xAxis->setLabel(tr("Module (layer, kind)"));
    yAxis->setLabel(tr("|Accuracy difference|"));
}

void ComparisonDifferenceChart::clearData()
{
    m_names.clear();
    m_comparisons.clear();
    for (auto* b : m_bars)
        removePlottable(b);
    m_bars.clear();
    m_maxima.clear();
    clearGraphs();
    replot(QCustomPlot::rpQueuedReplot);
}

void ComparisonDifferenceChart::setComparisons(const QStringList& fileNames,
                                               const std::vector<MeasurementComparison>& comparisons)
{
    clearData();
    m_names = fileNames;
    m_comparisons = comparisons;
    auto* group = new QCPBarsGroup(this);
    const double width = 0.8 / double(std::max<size_t>(comparisons.size(), 1));
    double top = 0;
    std::vector<std::string> keys;
    for (size_t c = 0; c < comparisons.size(); ++c) {
        const QString pair = tr("%1 vs %2").arg(m_names.value(int(c) + 1), m_names.value(0));
        auto* bars = addStyledBars(this, group, tr("mean |diff|, %1").arg(pair), comparisonColor(int(c) + 1), width);
        QCPGraph* maxima = addStyledGraph(tr("max |diff|, %1").arg(pair), comparisonColor(int(c) + 1).darker(140),
                                          QCPScatterStyle::ssTriangle, QCPGraph::lsNone);
        const auto& mods = comparisons[c].modules;
        for (size_t m = 0; m < mods.size(); ++m) {
            bars->addData(double(m), mods[m].meanAbsDiff);
            // The marker sits over this comparison's bar inside the group.
            const double offset = (double(c) - (double(comparisons.size()) - 1) / 2) * width;
            maxima->addData(double(m) + offset, mods[m].maxAbsDiff);
            top = std::max(top, mods[m].maxAbsDiff);
            if (c == 0)
                keys.push_back(mods[m].key);
        }
        m_bars.push_back(bars);
        m_maxima.push_back(maxima);
    }
    setModuleTicks(xAxis, keys);
    yAxis->setRange(0, top > 0 ? top * 1.5 : 1e-3);  // room for the legend above the bars
    replot(QCustomPlot::rpQueuedReplot);
}

QVector<double> ComparisonDifferenceChart::meanAbsBars(int comparison) const
{
    QVector<double> v;
    if (comparison < 0 || size_t(comparison) >= m_bars.size())
        return v;
    for (auto it = m_bars[size_t(comparison)]->data()->constBegin(); it != m_bars[size_t(comparison)]->data()->constEnd(); ++it)
        v << it->value;
    return v;
}

QString ComparisonDifferenceChart::describePoint(QCPAbstractPlottable* plottable, int index) const
{
    for (size_t c = 0; c < m_bars.size(); ++c) {
        if (plottable != m_bars[c] && plottable != m_maxima[c])
            continue;
        const auto& mods = m_comparisons[c].modules;
        if (index < 0 || size_t(index) >= mods.size())
            break;
        const auto& m = mods[size_t(index)];
        return tr("%1 vs %2\n%3\nmean |diff| %4, max |diff| %5\nmean diff %6\n%7 shared options, %8 only in %2, %9 only in %1")
            .arg(m_names.value(int(c) + 1), m_names.value(0), QString::fromStdString(m.key))
            .arg(m.meanAbsDiff, 0, 'g', 6)
            .arg(m.maxAbsDiff, 0, 'g', 6)
            .arg(m.meanDiff, 0, 'g', 6)
            .arg(m.sharedOptions)
            .arg(m.onlyInA)
            .arg(m.onlyInB);
    }
    return ChartBase::describePoint(plottable, index);
}

void ComparisonDifferenceChart::writeCsv(QTextStream& out) const
{
    out << "file,reference,module,shared_options,only_in_reference,only_in_file,mean_diff,mean_abs_diff,max_abs_diff\n";
    for (size_t c = 0; c < m_comparisons.size(); ++c)
        for (const auto& m : m_comparisons[c].modules)
            out << csvField(m_names.value(int(c) + 1)) << ',' << csvField(m_names.value(0)) << ','
                << QString::fromStdString(m.key) << ',' << m.sharedOptions << ',' << m.onlyInA << ',' << m.onlyInB
                << ',' << QString::number(m.meanDiff, 'g', 17) << ',' << QString::number(m.meanAbsDiff, 'g', 17)
                << ',' << QString::number(m.maxAbsDiff, 'g', 17) << '\n';
}

// ---- allocations at one target ----

ComparisonAllocationChart::ComparisonAllocationChart(QWidget* parent) : ChartBase(parent)
{
    setWindowTitle(tr("Allocation at the target"));
    xAxis->setLabel(tr("Module (layer, kind)"));
    yAxis->setLabel(tr("Bits per weight"));
}

void ComparisonAllocationChart::clearData()
{
    m_names.clear();
    m_allocations.clear();
    m_target = 0;
    for (auto* b : m_bars)
        removePlottable(b);
    m_bars.clear();
    clearGraphs();
    replot(QCustomPlot::rpQueuedReplot);
}

void ComparisonAllocationChart::setAllocations(const QStringList& fileNames, const std::vector<Allocation>& allocations,
                                               double targetBpw)
{
    clearData();
    m_names = fileNames;
    m_allocations = allocations;
    m_target = targetBpw;
    auto* group = new QCPBarsGroup(this);
    const double width = 0.8 / double(std::max<size_t>(allocations.size(), 1));
    double top = targetBpw;
    std::vector<std::string> keys;
    for (size_t f = 0; f < allocations.size(); ++f) {
        auto* bars = addStyledBars(this, group, tr("%1 (%2 bpw)").arg(m_names.value(int(f))).arg(allocations[f].bpw, 0, 'f', 3),
                                   comparisonColor(int(f)), width);
        const auto& choices = allocations[f].choices;
        for (size_t m = 0; m < choices.size(); ++m) {
            bars->addData(double(m), choices[m].bpw);
            top = std::max(top, choices[m].bpw);
            if (f == 0)
                keys.push_back(choices[m].key);
        }
        m_bars.push_back(bars);
    }
    QCPGraph* target = addStyledGraph(tr("Target %1 bpw").arg(targetBpw, 0, 'f', 3), QColor(220, 60, 60),
                                      QCPScatterStyle::ssNone, QCPGraph::lsLine);
    target->setPen(QPen(QColor(220, 60, 60), 2, Qt::DashLine));
    target->addData(-0.6, targetBpw);
    target->addData(double(keys.size()) - 0.4, targetBpw);
    setModuleTicks(xAxis, keys);
    yAxis->setRange(0, top * 1.5);  // room for the legend above the bars
    replot(QCustomPlot::rpQueuedReplot);
}

QVector<double> ComparisonAllocationChart::bpwBars(int file) const
{
    QVector<double> v;
    if (file < 0 || size_t(file) >= m_bars.size())
        return v;
    for (auto it = m_bars[size_t(file)]->data()->constBegin(); it != m_bars[size_t(file)]->data()->constEnd(); ++it)
        v << it->value;
    return v;
}

QString ComparisonAllocationChart::describePoint(QCPAbstractPlottable* plottable, int index) const
{
    const auto it = std::find(m_bars.begin(), m_bars.end(), plottable);
    if (it == m_bars.end() || index < 0)
        return ChartBase::describePoint(plottable, index);
    const auto& choices = m_allocations[size_t(it - m_bars.begin())].choices;
    if (size_t(index) >= choices.size())
        return ChartBase::describePoint(plottable, index);
    const auto& ch = choices[size_t(index)];
    return tr("%1\n%2\n%3 bpw, error %4 (option %5)")
        .arg(m_names.value(int(it - m_bars.begin())), QString::fromStdString(ch.key))
        .arg(ch.bpw, 0, 'f', 4)
        .arg(ch.error, 0, 'g', 6)
        .arg(ch.option);
}

void ComparisonAllocationChart::writeCsv(QTextStream& out) const
{
    out << "file,target_bpw,module,option,total_bits,bpw,error\n";
    for (size_t f = 0; f < m_allocations.size(); ++f)
        for (const auto& c : m_allocations[f].choices)
            out << csvField(m_names.value(int(f))) << ',' << m_target << ',' << QString::fromStdString(c.key) << ','
                << c.option << ',' << c.totalBits << ',' << QString::number(c.bpw, 'g', 10) << ','
                << QString::number(c.error, 'g', 17) << '\n';
}

}  // namespace exl2
