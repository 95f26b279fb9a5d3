#include "errorchart.h"

#include <algorithm>

namespace exl2 {

namespace {
// A log axis cannot show 0: a perfect option is drawn at this floor.
constexpr double kErrorFloor = 1e-6;
}

ErrorChart::ErrorChart(QWidget* parent) : ChartBase(parent)
{
    setWindowTitle(tr("Per-module error"));
    xAxis->setLabel(tr("Module index"));
    yAxis->setLabel(tr("Relative error (log)"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_options = addStyledGraph(tr("Options measured"), QColor(90, 140, 220), QCPScatterStyle::ssCircle,
                               QCPGraph::lsNone);
    m_chosen = addStyledGraph(tr("Quantized module"), QColor(230, 120, 30), QCPScatterStyle::ssDiamond,
                              QCPGraph::lsLine);
    rescale();
}

void ErrorChart::clearData()
{
    m_measured.clear();
    m_quantized.clear();
    m_options->data()->clear();
    m_chosen->data()->clear();
    rescale();
}

void ErrorChart::addMeasured(const ModuleMeasured& module)
{
    m_measured.push_back(module);
    for (double acc : module.optionAccuracy)
        m_options->addData(module.moduleIndex, std::max(1.0 - acc, kErrorFloor));
    rescale();
}

void ErrorChart::addQuantized(const ModuleQuantized& module)
{
    m_quantized.push_back(module);
    m_chosen->addData(module.moduleIndex, std::max(module.error, kErrorFloor));
    rescale();
}

void ErrorChart::rescale()
{
    int count = 1;
    for (const auto& m : m_measured)
        count = std::max(count, m.moduleCount);
    for (const auto& q : m_quantized)
        count = std::max(count, q.moduleCount);
    xAxis->setRange(-0.5, count - 0.5);
    bool found = false;
    QCPRange range = m_options->getValueRange(found);
    bool found2 = false;
    const QCPRange r2 = m_chosen->getValueRange(found2);
    if (found2)
        range = found ? QCPRange(std::min(range.lower, r2.lower), std::max(range.upper, r2.upper)) : r2;
    if (found || found2)
        yAxis->setRange(range.lower / 2, range.upper * 2);
    else
        yAxis->setRange(1e-4, 1);
    replot(QCustomPlot::rpQueuedReplot);
}

void ErrorChart::writeCsv(QTextStream& out) const
{
    out << "kind,module_index,module,bpw,error\n";
    for (const auto& m : m_measured)
        for (size_t i = 0; i < m.optionBpw.size() && i < m.optionAccuracy.size(); ++i)
            out << "measured," << m.moduleIndex << ',' << QString::fromStdString(m.key) << ',' << m.optionBpw[i]
                << ',' << 1.0 - m.optionAccuracy[i] << '\n';
    for (const auto& q : m_quantized)
        out << "quantized," << q.moduleIndex << ',' << QString::fromStdString(q.key) << ',' << q.bpw << ','
            << q.error << '\n';
}

}  // namespace exl2
