#include "perplexitychart.h"

#include <algorithm>

namespace exl2 {

PerplexityChart::PerplexityChart(QWidget* parent) : ChartBase(parent)
{
    setWindowTitle(tr("Calibration perplexity"));
    xAxis->setLabel(tr("Measurement"));
    yAxis->setLabel(tr("Perplexity"));
    m_graph = addStyledGraph(tr("Perplexity"), QColor(90, 140, 220), QCPScatterStyle::ssDisc, QCPGraph::lsLine);
    m_threshold = addStyledGraph(tr("Threshold (%1)").arg(kThreshold), QColor(220, 60, 60), QCPScatterStyle::ssNone,
                                 QCPGraph::lsLine);
    m_threshold->setPen(QPen(QColor(220, 60, 60), 2, Qt::DashLine));
    rebuild();
}

void PerplexityChart::clearData()
{
    m_values.clear();
    rebuild();
}

void PerplexityChart::addPerplexity(double perplexity)
{
    m_values.push_back(perplexity);
    rebuild();
}

void PerplexityChart::rebuild()
{
    m_graph->data()->clear();
    for (size_t i = 0; i < m_values.size(); ++i)
        m_graph->addData(double(i + 1), m_values[i]);
    const double right = std::max<double>(2, double(m_values.size()) + 1);
    m_threshold->data()->clear();
    m_threshold->addData(0, kThreshold);
    m_threshold->addData(right, kThreshold);
    double top = kThreshold * 1.3;
    for (double v : m_values)
        top = std::max(top, v * 1.1);
    xAxis->setRange(0, right);
    yAxis->setRange(0, top);
    replot(QCustomPlot::rpQueuedReplot);
}

void PerplexityChart::writeCsv(QTextStream& out) const
{
    out << "measurement,perplexity,threshold\n";
    for (size_t i = 0; i < m_values.size(); ++i)
        out << i + 1 << ',' << m_values[i] << ',' << kThreshold << '\n';
}

}  // namespace exl2
