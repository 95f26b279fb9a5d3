// Wizard page 1: choose the Hugging Face model folder (or the built-in demo model) and the compute
// device; shows what the model is and refuses a broken folder with the core's own message.
#pragma once

#include "modelfacts.h"
#include "wizardstate.h"

#include <QWizardPage>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace exl2 {

class ModelPage : public QWizardPage {
    Q_OBJECT
public:
    ModelPage(WizardState& state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // Inspects `dir` now (also what typing or browsing does); true when it is a usable model.
    bool setModelFolder(const QString& dir);
    // Writes the demo model into the cache folder (once) and selects it.
    bool useDemoModel();
    QString errorText() const;
    const std::optional<ModelFacts>& facts() const { return m_facts; }

    static QString demoModelFolder();

private slots:
    void browse();

private:
    void showFacts();

    WizardState& m_state;
    QComboBox* m_folder;
    QPushButton* m_browse;
    QPushButton* m_demo;
    QComboBox* m_device;
    QLabel* m_error;
    QLabel* m_warnings;
    QLabel* m_architecture;
    QLabel* m_shape;
    QLabel* m_size;
    QLabel* m_dtype;
    QLabel* m_rope;
    QLabel* m_memory;
    std::optional<ModelFacts> m_facts;
    bool m_isDemo = false;
};

}  // namespace exl2
