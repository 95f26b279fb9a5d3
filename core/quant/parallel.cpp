#include "quant/parallel.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace exl2 {

void parallelForEach(int64_t count, const std::function<void(int64_t)>& fn)
{
    if (count <= 0)
        return;
    const int64_t threads = std::min<int64_t>(std::max(1u, std::thread::hardware_concurrency()), count);
    std::atomic<int64_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        try {
            for (int64_t i = next++; i < count; i = next++)
                fn(i);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
            next = count; // stop handing out work
        }
    };
    std::vector<std::thread> pool;
    for (int64_t t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

}  // namespace exl2
