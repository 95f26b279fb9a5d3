// The bits-per-weight allocation chart: one attention bar and one MLP bar per decoder layer against the
// target line. Bars show the optimizer's plan first and are replaced by the bpw actually quantized as
// each module finishes.
#pragma once

#include "chartbase.h"
#include "jobmetatypes.h"

#include <map>

namespace exl2 {

class AllocationChart : public ChartBase {
    Q_OBJECT
public:
    explicit AllocationChart(QWidget* parent = nullptr);

    void clearData() override;
    void writeCsv(QTextStream& out) const override;

    int quantizedModules() const { return m_quantizedCount; }
    double targetBpw() const { return m_target; }
    // Layer index and whether the key is an attention block; -1 for modules outside the layers.
    static int layerOf(const std::string& key, bool* isAttention);

public slots:
    void setStrategy(const exl2::StrategyChosen& strategy);
    void addQuantized(const exl2::ModuleQuantized& module);
    void setTarget(double bpw);

private:
    void setBar(const std::string& key, double bpw);
    void rebuild();

    QCPBars* m_attention;
    QCPBars* m_mlp;
    QCPGraph* m_targetLine;
    std::map<int, double> m_attentionBpw, m_mlpBpw;  // by layer
    double m_target = 0;
    int m_quantizedCount = 0;
};

}  // namespace exl2
