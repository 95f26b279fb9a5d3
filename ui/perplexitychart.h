// The calibration perplexity chart: every perplexity the job reports, against a threshold line at 30
// above which a quantized model is usually visibly damaged.
#pragma once

#include "chartbase.h"

#include <vector>

namespace exl2 {

class PerplexityChart : public ChartBase {
    Q_OBJECT
public:
    static constexpr double kThreshold = 30.0;

    explicit PerplexityChart(QWidget* parent = nullptr);

    void clearData() override;
    void writeCsv(QTextStream& out) const override;
    int pointCount() const { return int(m_values.size()); }

public slots:
    void addPerplexity(double perplexity);

private:
    void rebuild();

    QCPGraph* m_graph;
    QCPGraph* m_threshold;
    std::vector<double> m_values;
};

}  // namespace exl2
