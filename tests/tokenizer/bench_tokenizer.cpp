// Tokenizer throughput: 1 MB of English (the TinyStories sample, repeated/truncated) through the gpt2,
// cl100k-base and stories260k tokenizers. Baseline, measured in the same run: the same pre-tokenized pieces
// through NaiveBpe (O(n^2) pairwise-rank merging, no cache). Sizes: EXL2_BENCH_TOKENIZER_KB (default 1024)
// and EXL2_BENCH_NAIVE_KB (default: all of it for byte-level tokenizers, 8 KB for stories260k whose one
// whole-text piece makes the naive merge quadratic in the text length).
#include "naive_bpe.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/tokenizer_impl.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <time.h>

namespace fs = std::filesystem;

namespace {

size_t envKb(const char* name, size_t fallback)
{
    const char* v = std::getenv(name);
    return v && *v ? static_cast<size_t>(std::strtoul(v, nullptr, 10)) : fallback;
}

// CPU time of this thread: the figures stay meaningful on a machine shared with other work.
double cpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Cuts at a UTF-8 character boundary at or below size.
std::string prefix(const std::string& text, size_t size)
{
    size = std::min(size, text.size());
    while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80)
        --size;
    return text.substr(0, size);
}

std::vector<int32_t> naiveEncode(const exl2::Tokenizer& tok, const NaiveBpe& naive, const std::string& text)
{
    std::vector<int32_t> ids;
    tok.impl().segment(
        text, [&](int32_t id) { ids.push_back(id); }, [&](const std::string& piece) { naive.encodeWord(piece, ids); });
    return ids;
}

}  // namespace

int main()
{
    const fs::path shared(EXL2_SHARED_DIR);
    std::ifstream in(shared / "data" / "tinystories_val_sample.txt", std::ios::binary);
    if (!in) {
        std::printf("bench_tokenizer: %s not found, skipping\n", (shared / "data").c_str());
        return 0;
    }
    const std::string sample((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t size = envKb("EXL2_BENCH_TOKENIZER_KB", 1024) * 1024;
    std::string text;
    while (text.size() < size)
        text += sample;
    text = prefix(text, size);

    struct Case {
        const char* name;
        fs::path json;
        size_t naiveBytes;
    };
    const Case cases[] = {
        {"gpt2", shared / "tokenizers" / "gpt2" / "tokenizer.json", envKb("EXL2_BENCH_NAIVE_KB", 1024) * 1024},
        {"cl100k-base", shared / "tokenizers" / "cl100k-base" / "tokenizer.json",
         envKb("EXL2_BENCH_NAIVE_KB", 1024) * 1024},
        {"stories260k", shared / "models" / "stories260k" / "tokenizer.json", envKb("EXL2_BENCH_NAIVE_KB", 8) * 1024},
    };
    std::printf("Seconds are CPU seconds of one thread.\n");
    std::printf("%-12s %9s %9s %9s %9s | %-24s %7s %9s %9s | %7s\n", "tokenizer", "MB", "ids", "seconds", "MB/s",
                "baseline (naive BPE)", "MB", "seconds", "MB/s", "speedup");
    for (const Case& c : cases) {
        double t0 = cpuNow();
        const exl2::Tokenizer tok = exl2::Tokenizer::fromFile(c.json);
        const double loadSeconds = cpuNow() - t0;
        t0 = cpuNow();
        const auto ids = tok.encode(text, false);
        const double s = cpuNow() - t0;
        const double mb = static_cast<double>(text.size()) / 1e6;

        const std::string naiveText = prefix(text, c.naiveBytes);
        const NaiveBpe naive(c.json);
        const exl2::Tokenizer fresh = exl2::Tokenizer::fromFile(c.json);
        t0 = cpuNow();
        const auto naiveIds = naiveEncode(fresh, naive, naiveText);
        const double ns = cpuNow() - t0;
        const double naiveMb = static_cast<double>(naiveText.size()) / 1e6;
        const bool agree = naiveIds == fresh.encode(naiveText, false);
        std::printf("%-12s %9.3f %9zu %9.3f %9.2f | %-24s %7.3f %9.3f %9.4f | %6.1fx  (load %.2f s, ids agree: %s)\n",
                    c.name, mb, ids.size(), s, mb / s, "pairwise scan, no cache", naiveMb, ns, naiveMb / ns,
                    (mb / s) / (naiveMb / ns), loadSeconds, agree ? "yes" : "NO");
    }
    return 0;
}
