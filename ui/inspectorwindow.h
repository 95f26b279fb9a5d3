// The allocation inspector window: opens a measurement.json (optionally with its model folder for sizes
// and exact on-disk costs), lets the target be dragged as bpw or typed as file size / VRAM budget, shows
// the per-module allocation and expected error live, pins modules and exports the strategy for
// exl2-convert --strategy. The optimizer work is InspectorEngine's; this class is the widgets.
#pragma once

#include "inspectorengine.h"

#include <QMainWindow>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace exl2 {

class InspectorAllocationChart;
class InspectorErrorChart;
class InspectorTable;

class InspectorWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit InspectorWindow(QWidget* parent = nullptr);

    // False (and lastError() says why, naming the file) when the measurement or model cannot be used.
    bool openMeasurement(const QString& measurementPath, const QString& modelDir = {});
    QString lastError() const { return m_lastError; }

    // What the controls do, callable from code (tests, scripts).
    void setTargetBpw(double bpw);
    void setTargetFileSizeMiB(double mib);  // needs no model folder, but then counts decoder weights only
    void setVramBudgetMiB(double mib);
    void setContextLength(int tokens);
    void setHeadBits(int bits);
    void pinModule(const QString& key, int option);  // option < 0 unpins
    void clearPins();
    // Waits for the full search, then writes job["strategy"]'s shape to `path`. False + lastError() on failure.
    bool exportStrategy(const QString& path);
    bool exportAllocationCsv(const QString& path);

    double targetBpw() const { return m_engine.target(); }
    double estimatedFileMiB() const;
    double estimatedVramMiB() const;
    InspectorEngine& engine() { return m_engine; }
    InspectorAllocationChart* allocationChart() const { return m_allocationChart; }
    InspectorErrorChart* errorChart() const { return m_errorChart; }
    InspectorTable* table() const { return m_table; }
    QSlider* targetSlider() const { return m_slider; }

private:
    QWidget* buildControls();
    void buildMenus();
    void openDialog();
    void exportStrategyDialog();
    void exportCsvDialog();
    void allocationChanged();
    void syncControls();
    void updateRange();
    int headBits() const;

    InspectorEngine m_engine;
    std::shared_ptr<const InspectorInput> m_input;
    QString m_lastError;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_bpwSpin = nullptr;
    QDoubleSpinBox* m_fileSpin = nullptr;
    QDoubleSpinBox* m_vramSpin = nullptr;
    QSpinBox* m_contextSpin = nullptr;
    QComboBox* m_headBitsCombo = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_status = nullptr;
    InspectorAllocationChart* m_allocationChart = nullptr;
    InspectorErrorChart* m_errorChart = nullptr;
    InspectorTable* m_table = nullptr;
};

}  // namespace exl2
