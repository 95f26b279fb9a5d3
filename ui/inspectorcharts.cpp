#include "inspectorcharts.h"

#include "inspectormodel.h"

#include <algorithm>

namespace exl2 {

namespace {

const QColor kAttention(90, 140, 220), kMlp(110, 190, 120), kTarget(220, 60, 60), kPinned(240, 170, 30);

QCPBars* makeBars(ChartBase* chart, QCPBarsGroup* group, const QString& name, const QColor& color)
{
    auto* bars = new QCPBars(chart->xAxis, chart->yAxis);
    bars->setName(name);
    bars->setBrush(color);
    bars->setPen(Qt::NoPen);
    bars->setWidth(0.4);
    bars->setBarsGroup(group);
    return bars;
}

int layersOf(const std::vector<SlotChoice>& choices)
{
    int layers = 1;
    for (const SlotChoice& c : choices)
        layers = std::max(layers, inspectorLayerOf(c.key) + 1);
    return layers;
}

}  // namespace

InspectorAllocationChart::InspectorAllocationChart(QWidget* parent) : ChartBase(parent)
{
    setObjectName(QStringLiteral("inspectorAllocationChart"));
    setWindowTitle(tr("Allocated bits per weight by layer"));
    xAxis->setLabel(tr("Layer"));
    yAxis->setLabel(tr("Bits per weight"));
    auto* group = new QCPBarsGroup(this);
    m_attention = makeBars(this, group, tr("Attention bpw"), kAttention);
    m_mlp = makeBars(this, group, tr("MLP bpw"), kMlp);
    m_pinned = addStyledGraph(tr("Pinned module"), kPinned, QCPScatterStyle::ssDiamond, QCPGraph::lsNone);
    m_pinned->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, kPinned, kPinned, 10));
    m_targetLine = addStyledGraph(tr("Target bpw"), kTarget, QCPScatterStyle::ssNone, QCPGraph::lsLine);
    m_targetLine->setPen(QPen(kTarget, 2, Qt::DashLine));
    clearData();
}

void InspectorAllocationChart::clearData()
{
    setAllocation(Allocation{});
}

void InspectorAllocationChart::setAllocation(const Allocation& a)
{
    m_choices = a.choices;
    m_target = a.targetBpw;
    QVector<double> ak, av, mk, mv, pk, pv;
    double top = std::max(m_target, 1.0);
    for (const SlotChoice& c : m_choices) {
        const int layer = inspectorLayerOf(c.key);
        if (layer < 0)
            continue;
        const bool attention = inspectorIsAttention(c.key);
        (attention ? ak : mk) << layer;
        (attention ? av : mv) << c.bpw;
        if (c.pinned) {
            pk << layer + (attention ? -0.2 : 0.2);  // over its bar (the group offsets the two by ~0.4)
            pv << c.bpw;
        }
        top = std::max(top, c.bpw);
    }
    m_attention->setData(ak, av, true);
    m_mlp->setData(mk, mv, true);
    m_pinned->setData(pk, pv);
    const int layers = layersOf(m_choices);
    m_targetLine->data()->clear();
    if (m_target > 0) {
        m_targetLine->addData(-0.5, m_target);
        m_targetLine->addData(layers - 0.5, m_target);
    }
    xAxis->setRange(-0.5, layers - 0.5);
    yAxis->setRange(0, top * 1.5);  // headroom for the legend
    replot(QCustomPlot::rpQueuedReplot);
}

void InspectorAllocationChart::writeCsv(QTextStream& out) const
{
    out << "module,layer,kind,option,bpw,target_bpw,pinned\n";
    for (const SlotChoice& c : m_choices)
        out << QString::fromStdString(c.key) << ',' << inspectorLayerOf(c.key) << ','
            << (inspectorIsAttention(c.key) ? "attention" : "mlp") << ',' << c.option << ','
            << QString::number(c.bpw, 'g', 10) << ',' << QString::number(m_target, 'g', 10) << ','
            << (c.pinned ? 1 : 0) << '\n';
}

InspectorErrorChart::InspectorErrorChart(QWidget* parent) : ChartBase(parent)
{
    setObjectName(QStringLiteral("inspectorErrorChart"));
    setWindowTitle(tr("Expected error by layer"));
    xAxis->setLabel(tr("Layer"));
    yAxis->setLabel(tr("Expected error (1 - accuracy)"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    m_attention = addStyledGraph(tr("Attention error"), kAttention, QCPScatterStyle::ssCircle, QCPGraph::lsLine);
    m_mlp = addStyledGraph(tr("MLP error"), kMlp, QCPScatterStyle::ssSquare, QCPGraph::lsLine);
    m_maxLine = addStyledGraph(tr("Max error"), kTarget, QCPScatterStyle::ssNone, QCPGraph::lsLine);
    m_maxLine->setPen(QPen(kTarget, 1, Qt::DashLine));
    clearData();
}

void InspectorErrorChart::clearData()
{
    setAllocation(Allocation{});
}

void InspectorErrorChart::setAllocation(const Allocation& a)
{
    m_choices = a.choices;
    QVector<double> ak, av, mk, mv;
    double lo = 1.0, hi = 1e-6;
    for (const SlotChoice& c : m_choices) {
        const int layer = inspectorLayerOf(c.key);
        if (layer < 0)
            continue;
        const double err = std::max(c.error, 1e-12);  // a log axis cannot show 0
        (inspectorIsAttention(c.key) ? ak : mk) << layer;
        (inspectorIsAttention(c.key) ? av : mv) << err;
        lo = std::min(lo, err);
        hi = std::max(hi, err);
    }
    m_attention->setData(ak, av, true);
    m_mlp->setData(mk, mv, true);
    const int layers = layersOf(m_choices);
    m_maxLine->data()->clear();
    if (a.maxErr > 0) {
        m_maxLine->addData(-0.5, a.maxErr);
        m_maxLine->addData(layers - 0.5, a.maxErr);
    }
    xAxis->setRange(-0.5, layers - 0.5);
    yAxis->setRange(lo / 2, hi * 2);
    replot(QCustomPlot::rpQueuedReplot);
}

void InspectorErrorChart::writeCsv(QTextStream& out) const
{
    out << "module,layer,kind,bpw,expected_error\n";
    for (const SlotChoice& c : m_choices)
        out << QString::fromStdString(c.key) << ',' << inspectorLayerOf(c.key) << ','
            << (inspectorIsAttention(c.key) ? "attention" : "mlp") << ',' << QString::number(c.bpw, 'g', 10) << ','
            << QString::number(c.error, 'g', 10) << '\n';
}

}  // namespace exl2
