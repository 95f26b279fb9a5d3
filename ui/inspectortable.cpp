#include "inspectortable.h"

#include <QComboBox>
#include <QHeaderView>
#include <QSignalBlocker>

namespace exl2 {

InspectorTable::InspectorTable(QWidget* parent) : QTableWidget(parent)
{
    setObjectName(QStringLiteral("inspectorTable"));
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("Module"), tr("Option"), tr("bpw"), tr("Expected error"), tr("Pinned")});
    horizontalHeader()->setSectionResizeMode(ModuleColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(OptionColumn, QHeaderView::Stretch);
    verticalHeader()->setVisible(false);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(this, &QTableWidget::itemChanged, this, &InspectorTable::itemChanged);
}

void InspectorTable::setProblem(const OptimizerProblem& problem)
{
    m_updating = true;
    clearContents();
    setRowCount(int(problem.moduleSlots.size()));
    m_keys.clear();
    for (int row = 0; row < rowCount(); ++row) {
        const OptimizerSlot& slot = problem.moduleSlots[size_t(row)];
        m_keys.push_back(slot.key);
        auto* name = new QTableWidgetItem(QString::fromStdString(slot.key));
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        setItem(row, ModuleColumn, name);
        auto* combo = new QComboBox(this);
        for (size_t o = 0; o < slot.records.size(); ++o)
            combo->addItem(tr("#%1: %2 bpw, error %3")
                               .arg(o)
                               .arg(double(slot.cost(o)) / double(slot.numel), 0, 'f', 4)
                               .arg(slot.error(o), 0, 'g', 4));
        connect(combo, &QComboBox::activated, this, [this, row](int option) { optionPicked(row, option); });
        setCellWidget(row, OptionColumn, combo);
        for (int col : {int(BpwColumn), int(ErrorColumn)}) {
            auto* item = new QTableWidgetItem;
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(row, col, item);
        }
        auto* pin = new QTableWidgetItem;
        pin->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        pin->setCheckState(Qt::Unchecked);
        setItem(row, PinnedColumn, pin);
    }
    m_updating = false;
}

void InspectorTable::setAllocation(const Allocation& a)
{
    if (a.choices.size() != m_keys.size())
        return;
    m_updating = true;
    setUpdatesEnabled(false);
    for (int row = 0; row < rowCount(); ++row) {
        const SlotChoice& c = a.choices[size_t(row)];
        if (auto* combo = qobject_cast<QComboBox*>(cellWidget(row, OptionColumn)); combo && combo->currentIndex() != c.option) {
            const QSignalBlocker block(combo);
            combo->setCurrentIndex(c.option);
        }
        item(row, BpwColumn)->setText(QString::number(c.bpw, 'f', 4));
        item(row, ErrorColumn)->setText(QString::number(c.error, 'g', 6));
        const Qt::CheckState pinned = c.pinned ? Qt::Checked : Qt::Unchecked;
        if (item(row, PinnedColumn)->checkState() != pinned)
            item(row, PinnedColumn)->setCheckState(pinned);
    }
    setUpdatesEnabled(true);
    m_updating = false;
}

void InspectorTable::optionPicked(int row, int option)
{
    emit pinRequested(m_keys.at(size_t(row)), option);
}

void InspectorTable::itemChanged(QTableWidgetItem* item)
{
    if (m_updating || item->column() != PinnedColumn)
        return;
    const int row = item->row();
    const auto* combo = qobject_cast<QComboBox*>(cellWidget(row, OptionColumn));
    emit pinRequested(m_keys.at(size_t(row)), item->checkState() == Qt::Checked && combo ? combo->currentIndex() : -1);
}

}  // namespace exl2
