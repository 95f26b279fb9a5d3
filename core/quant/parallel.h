// A minimal fork-join loop for the quantizer's column-parallel work (scale search, in-group GPTQ).
// Work items are claimed dynamically; results stay deterministic because callers index by item, not thread.
#pragma once

#include <cstdint>
#include <functional>

namespace exl2 {

// Runs fn(i) for i in [0, count) on up to hardware_concurrency threads (the caller's thread included).
// The first exception thrown by any fn is rethrown on the caller's thread after all threads have joined.
void parallelForEach(int64_t count, const std::function<void(int64_t)>& fn);

}  // namespace exl2
