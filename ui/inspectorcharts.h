// The allocation inspector's two charts: bits per weight of each decoder module (attention and MLP bars
// per layer, the target line, pinned modules marked) and each module's expected error (1 - accuracy of
// the chosen option) on a log axis. Both redraw from one Allocation.
#pragma once

#include "chartbase.h"
#include "optimize/optimizer.h"

#include <vector>

namespace exl2 {

class InspectorAllocationChart : public ChartBase {
    Q_OBJECT
public:
    explicit InspectorAllocationChart(QWidget* parent = nullptr);

    void clearData() override;
    void writeCsv(QTextStream& out) const override;  // module,layer,kind,option,bpw,target_bpw,pinned
    void setAllocation(const Allocation& a);

private:
    QCPBars* m_attention;
    QCPBars* m_mlp;
    QCPGraph* m_pinned;
    QCPGraph* m_targetLine;
    std::vector<SlotChoice> m_choices;
    double m_target = 0;
};

class InspectorErrorChart : public ChartBase {
    Q_OBJECT
public:
    explicit InspectorErrorChart(QWidget* parent = nullptr);

    void clearData() override;
    void writeCsv(QTextStream& out) const override;  // module,layer,kind,bpw,expected_error
    void setAllocation(const Allocation& a);

private:
    QCPGraph* m_attention;
    QCPGraph* m_mlp;
    QCPGraph* m_maxLine;
    std::vector<SlotChoice> m_choices;
};

}  // namespace exl2
