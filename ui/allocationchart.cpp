#include "allocationchart.h"

#include <QRegularExpression>

#include <algorithm>

namespace exl2 {

AllocationChart::AllocationChart(QWidget* parent) : ChartBase(parent)
{
    setWindowTitle(tr("Bits per weight by layer"));
    xAxis->setLabel(tr("Layer"));
    yAxis->setLabel(tr("Bits per weight"));
    auto* group = new QCPBarsGroup(this);
    m_attention = new QCPBars(xAxis, yAxis);
    m_attention->setName(tr("Attention"));
    m_attention->setBrush(QColor(90, 140, 220));
    m_attention->setPen(Qt::NoPen);
    m_attention->setWidth(0.4);
    m_attention->setBarsGroup(group);
    m_mlp = new QCPBars(xAxis, yAxis);
    m_mlp->setName(tr("MLP"));
    m_mlp->setBrush(QColor(110, 190, 120));
    m_mlp->setPen(Qt::NoPen);
    m_mlp->setWidth(0.4);
    m_mlp->setBarsGroup(group);
    m_targetLine = addStyledGraph(tr("Target"), QColor(220, 60, 60), QCPScatterStyle::ssNone, QCPGraph::lsLine);
    m_targetLine->setPen(QPen(QColor(220, 60, 60), 2, Qt::DashLine));
    rebuild();
}

int AllocationChart::layerOf(const std::string& key, bool* isAttention)
{
    static const QRegularExpression re(QStringLiteral("layers\\.(\\d+)\\.(\\w+)"));
    const auto match = re.match(QString::fromStdString(key));
    if (!match.hasMatch())
        return -1;
    if (isAttention)
        *isAttention = match.captured(2).contains(QLatin1String("attn"));
    return match.captured(1).toInt();
}

void AllocationChart::clearData()
{
    m_attentionBpw.clear();
    m_mlpBpw.clear();
    m_target = 0;
    m_quantizedCount = 0;
    rebuild();
}

void AllocationChart::setBar(const std::string& key, double bpw)
{
    bool attention = false;
    const int layer = layerOf(key, &attention);
    if (layer < 0)
        return;
    (attention ? m_attentionBpw : m_mlpBpw)[layer] = bpw;
}

void AllocationChart::setStrategy(const StrategyChosen& strategy)
{
    for (size_t i = 0; i < strategy.keys.size() && i < strategy.bpw.size(); ++i)
        setBar(strategy.keys[i], strategy.bpw[i]);
    m_target = strategy.targetBpw;
    rebuild();
}

void AllocationChart::addQuantized(const ModuleQuantized& module)
{
    ++m_quantizedCount;
    setBar(module.key, module.bpw);
    rebuild();
}

void AllocationChart::setTarget(double bpw)
{
    m_target = bpw;
    rebuild();
}

void AllocationChart::rebuild()
{
    auto fill = [](QCPBars* bars, const std::map<int, double>& values) {
        QVector<double> keys, vals;
        for (const auto& [layer, bpw] : values) {
            keys << layer;
            vals << bpw;
        }
        bars->setData(keys, vals, true);
    };
    fill(m_attention, m_attentionBpw);
    fill(m_mlp, m_mlpBpw);
    int layers = 1;
    double top = std::max(m_target, 1.0);
    for (const auto* values : {&m_attentionBpw, &m_mlpBpw})
        for (const auto& [layer, bpw] : *values) {
            layers = std::max(layers, layer + 1);
            top = std::max(top, bpw);
        }
    m_targetLine->data()->clear();
    if (m_target > 0) {
        m_targetLine->addData(-0.5, m_target);
        m_targetLine->addData(layers - 0.5, m_target);
    }
    xAxis->setRange(-0.5, layers - 0.5);
    yAxis->setRange(0, top * 1.15);
    replot(QCustomPlot::rpQueuedReplot);
}

void AllocationChart::writeCsv(QTextStream& out) const
{
    out << "layer,attention_bpw,mlp_bpw,target_bpw\n";
    int layers = 0;
    for (const auto* values : {&m_attentionBpw, &m_mlpBpw})
        if (!values->empty())
            layers = std::max(layers, values->rbegin()->first + 1);
    for (int l = 0; l < layers; ++l) {
        out << l << ',';
        if (auto it = m_attentionBpw.find(l); it != m_attentionBpw.end())
            out << it->second;
        out << ',';
        if (auto it = m_mlpBpw.find(l); it != m_mlpBpw.end())
            out << it->second;
        out << ',' << m_target << '\n';
    }
}

}  // namespace exl2
