// Wizard page 3: the target — bits per weight (spin box and slider) or a strategy file that fixes the
// allocation, head bits, RoPE overrides, shard size and the output folder — with inline warnings for
// unattainable targets, double RoPE scaling and a non-empty output folder, and the offer to resume a job.
#pragma once

#include "wizardstate.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace exl2 {

class TargetPage : public QWizardPage {
    Q_OBJECT
public:
    TargetPage(WizardState& state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    void setBits(double bpw);
    void setRopeScale(std::optional<double> scale);
    void setRopeAlpha(std::optional<double> alpha);
    void setOutputFolder(const QString& dir);
    void setResume(bool resume);
    // An allocation exported by the inspector; "" = optimize for the bits per weight instead.
    void setStrategyFile(const QString& file);

    QString strategyNotice() const;  // what the strategy gives, e.g. its bits per weight
    QString strategyError() const;   // why the strategy file cannot be used
    bool bitsFromStrategy() const;

    QString bitsWarning() const;
    QString ropeWarning() const;
    QString ropeNotice() const;
    QString folderWarning() const;
    bool resumeOffered() const;

private:
    void updateBitsWarning();
    void updateRopeMessages();
    void updateFolder();
    void updateStrategy();

    WizardState& m_state;
    QDoubleSpinBox* m_bits;
    QSlider* m_bitsSlider;
    QLabel* m_bitsWarning;
    QComboBox* m_headBits;
    QCheckBox* m_ropeScaleOn;
    QDoubleSpinBox* m_ropeScale;
    QCheckBox* m_ropeAlphaOn;
    QDoubleSpinBox* m_ropeAlpha;
    QLabel* m_ropeWarning;
    QLabel* m_ropeNotice;
    QSpinBox* m_shardSize;
    QLineEdit* m_outDir;
    QPushButton* m_browse;
    QLabel* m_folderWarning;
    QCheckBox* m_resume;
    QLineEdit* m_strategy;
    QPushButton* m_strategyBrowse;
    QLabel* m_strategyNotice;
    QLabel* m_strategyError;
};

}  // namespace exl2
