// The job's state machine: the stage names stored in job.json and the one transition rule
// (which stage follows which, given -m reuse and -om measure-only), as in the reference converter.
#pragma once

#include "pipeline/job_settings.h"

#include <string>

namespace exl2 {

// Inverse of jobStageName(); throws exl2::Error(Format) naming `file` when `name` is not a stage.
JobStage parseJobStage(const std::string& name, const std::string& file);

// The stage after `stage`. `reuseMeasurement`: begin jumps straight to optimize (-m);
// `measureOnly`: measure_quant ends the job (-om without -m).
JobStage nextStage(JobStage stage, bool reuseMeasurement, bool measureOnly);

}  // namespace exl2
