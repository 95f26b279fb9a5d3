// The allocation inspector's module table: one row per attention/MLP module with its chosen option (a
// combo box listing every measured option; picking one pins it), bits per weight, expected error and a
// pin check box. It reports pin requests; the engine decides.
#pragma once

#include "inspectormodel.h"
#include "optimize/optimizer.h"

#include <QTableWidget>

#include <string>

namespace exl2 {

class InspectorTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column { ModuleColumn, OptionColumn, BpwColumn, ErrorColumn, PinnedColumn, ColumnCount };

    explicit InspectorTable(QWidget* parent = nullptr);

    void setProblem(const OptimizerProblem& problem);  // rebuilds the rows and their option lists
    void setAllocation(const Allocation& a);           // updates the values in place (cheap: runs per drag)

signals:
    void pinRequested(const std::string& key, int option);  // option < 0: unpin

private:
    void optionPicked(int row, int option);
    void itemChanged(QTableWidgetItem* item);

    std::vector<std::string> m_keys;
    bool m_updating = false;
};

}  // namespace exl2
