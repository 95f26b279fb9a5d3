#include "pipeline/states_checkpoint.h"

#include "pipeline/array_file.h"
#include "util/error.h"

namespace exl2 {

void commitStates(JobContext& ctx, const HiddenStates& states, const std::string& tag,
                  const std::function<void(JobRecord&)>& update)
{
    const std::string name = ctx.newStatesFileName(tag);
    FloatArray a;
    a.shape = {states.rows, states.length, states.width};
    a.data = states.data;
    writeArrayFile(ctx.outDir() / name, a);
    const std::string previous = ctx.job().statesFile;
    ctx.job().statesFile = name;
    update(ctx.job());
    ctx.save();
    if (previous != name)
        ctx.retireStatesFile(previous);
}

HiddenStates loadCheckpointStates(JobContext& ctx)
{
    const std::string& name = ctx.job().statesFile;
    if (name.empty())
        throw Error(ErrorCode::Format, (ctx.outDir() / "job.json").string() +
                                           ": field \"states_file\" is empty, expected the hidden-state checkpoint");
    FloatArray a = readFloatArrayFile(ctx.outDir() / name);
    if (a.shape.size() != 3)
        throw Error(ErrorCode::Format, (ctx.outDir() / name).string() + ": expected a [rows, length, hidden] array");
    HiddenStates s;
    s.rows = a.shape[0];
    s.length = a.shape[1];
    s.width = a.shape[2];
    s.data = std::move(a.data);
    return s;
}

}  // namespace exl2
