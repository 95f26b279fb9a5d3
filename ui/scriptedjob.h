// A deterministic stand-in for runJob(): it walks a fixed number of layers through every stage, sends
// every hook with made-up but plausible numbers, honours cancellation between modules and resumes from
// its own job.json. The GUI tests drive the wizard with it, and exl2-studio --scripted-job uses it for
// screenshots. It computes nothing and writes no model.
#pragma once

#include "pipeline/job_settings.h"

namespace exl2 {

struct ScriptedJobOptions {
    int layers = 4;              // decoder layers: 2 modules each, plus the lm_head
    int moduleDelayMs = 0;       // pause after each module (screenshots, cancel tests)
    int failAtModule = -1;       // throw exl2::Error(Numerical) when quantizing this module index
};

class ScriptedJob {
public:
    explicit ScriptedJob(ScriptedJobOptions options = {}) : m_options(options) {}
    JobResult operator()(const JobSettings& settings, JobHooks& hooks) const;

    static int moduleCount(const ScriptedJobOptions& options) { return options.layers * 2 + 1; }

private:
    ScriptedJobOptions m_options;
};

}  // namespace exl2
