// The wizard's shared, editable state: the job settings as the pages fill them, plus the few choices
// that are not job settings. Pages read it in initializePage() and write it in validatePage(); the run
// page hands an immutable copy of `settings` to the worker.
#pragma once

#include "model/model_config.h"
#include "pipeline/job_settings.h"

#include <optional>

namespace exl2 {

enum PageId { ModelPageId, CalibrationPageId, TargetPageId, MeasurementPageId, RunPageId, FinishPageId };

enum class MeasurementMode { MeasureNow, Reuse, MeasureOnly };

struct WizardState {
    JobSettings settings;
    bool demoModel = false;
    MeasurementMode measurementMode = MeasurementMode::MeasureNow;
    std::optional<ModelConfig> model;   // of settings.inDir, once the model page accepted it
    std::optional<JobResult> result;    // of the last finished job
};

}  // namespace exl2
