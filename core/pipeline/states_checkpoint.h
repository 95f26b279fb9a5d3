// Hidden-state checkpoints of the measurement and quant passes. Protocol (crash-safe at every instant):
// write the states under a new file name (temp + rename), save job.json pointing at it together with the
// module index and results, then delete the previous states file.
#pragma once

#include <cstddef>  // before hidden_states.h, which uses size_t without including it

#include "forward/hidden_states.h"
#include "pipeline/job_context.h"

#include <functional>
#include <string>

namespace exl2 {

// `tag` names the file ("m_0007" after module 7 of the measurement pass). `update` changes the job record
// (index, results) and runs before the save.
void commitStates(JobContext& ctx, const HiddenStates& states, const std::string& tag,
                  const std::function<void(JobRecord&)>& update);

// The states of the job's current checkpoint; throws Format/Io naming the file when missing or torn.
HiddenStates loadCheckpointStates(JobContext& ctx);

}  // namespace exl2
