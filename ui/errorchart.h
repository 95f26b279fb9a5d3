// The per-module error chart: for every measured module the error (1 - accuracy) of each quantization
// option tried, and for every quantized module the relative error of the option that was chosen.
#pragma once

#include "chartbase.h"
#include "jobmetatypes.h"

#include <vector>

namespace exl2 {

class ErrorChart : public ChartBase {
    Q_OBJECT
public:
    explicit ErrorChart(QWidget* parent = nullptr);

    void clearData() override;
    void writeCsv(QTextStream& out) const override;

    int measuredModules() const { return int(m_measured.size()); }
    int quantizedModules() const { return int(m_quantized.size()); }

public slots:
    void addMeasured(const exl2::ModuleMeasured& module);
    void addQuantized(const exl2::ModuleQuantized& module);

private:
    void rescale();

    QCPGraph* m_options;
    QCPGraph* m_chosen;
    std::vector<ModuleMeasured> m_measured;
    std::vector<ModuleQuantized> m_quantized;
};

}  // namespace exl2
