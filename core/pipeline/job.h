// The public entry point of a conversion: runs (or resumes) the job in settings.outDir through all
// stages, checkpointing after every module. Used by exl2-convert and by the GUI worker.
#pragma once

#include "pipeline/job_settings.h"

namespace exl2 {

// Throws exl2::Error: InvalidArgument for bad settings (message = the reference converter's text),
// Cancelled when hooks.cancelRequested turned true (the job stays resumable), others from the stages.
JobResult runJob(const JobSettings& settings, JobHooks& hooks);

}  // namespace exl2
