// Helpers for the quant tests: a tiny F32-only safetensors reader (the shared core/io reader is written
// concurrently; this keeps the GPTQ tests independent of it), correlated calibration activations and
// the output-error measure used to compare GPTQ with round-to-nearest.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace quanttest {

struct F32Tensor {
    std::vector<int64_t> shape;
    std::vector<float> data;
};

inline F32Tensor readF32Tensor(const std::filesystem::path& file, const std::string& name)
{
    std::ifstream in(file, std::ios::binary);
    uint64_t headerLen = 0;
    in.read(reinterpret_cast<char*>(&headerLen), 8);
    std::string header(headerLen, '\0');
    in.read(header.data(), std::streamsize(headerLen));
    const auto j = nlohmann::json::parse(header);
    const auto& t = j.at(name);
    if (t.at("dtype") != "F32")
        throw std::runtime_error(name + " is not F32");
    F32Tensor out;
    out.shape = t.at("shape").get<std::vector<int64_t>>();
    const auto offsets = t.at("data_offsets").get<std::vector<uint64_t>>();
    out.data.resize((offsets[1] - offsets[0]) / 4);
    in.seekg(std::streamoff(8 + headerLen + offsets[0]));
    in.read(reinterpret_cast<char*>(out.data.data()), std::streamsize(offsets[1] - offsets[0]));
    return out;
}

// X = Z·A with Z standard normal [rows][k] and a fixed mixing matrix A [k][k] (identity plus a low-rank
// part and a per-channel gain), so inputs are correlated and unevenly scaled like real activations.
// Used because the forward pass (core/forward) is being written concurrently.
inline std::vector<float> correlatedActivations(int64_t rows, int64_t k, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::mt19937 fixed(1234u + uint32_t(k));
    std::vector<float> a(static_cast<size_t>(k * k), 0.0f);
    const int rank = 4;
    std::vector<float> basis(static_cast<size_t>(rank * k));
    for (auto& v : basis)
        v = normal(fixed);
    for (int64_t i = 0; i < k; ++i) {
        const float gain = 0.2f + 2.0f * float(i % 7) / 7.0f;
        for (int64_t j = 0; j < k; ++j) {
            float v = i == j ? gain : 0.0f;
            for (int r = 0; r < rank; ++r)
                v += 0.5f * basis[r * k + i] * basis[r * k + j] / std::sqrt(float(k));
            a[i * k + j] = v;
        }
    }
    std::vector<float> z(static_cast<size_t>(rows * k)), x(static_cast<size_t>(rows * k), 0.0f);
    for (auto& v : z)
        v = normal(rng);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t i = 0; i < k; ++i) {
            const float zi = z[r * k + i];
            for (int64_t j = 0; j < k; ++j)
                x[r * k + j] += zi * a[i * k + j];
        }
    return x;
}

// ‖X·(W − Q)ᵀ‖_F / ‖X·Wᵀ‖_F for W, Q [n][k] and X [rows][k].
inline double relativeOutputError(const std::vector<float>& x, int64_t rows, const float* w, const float* q, int64_t n,
                                  int64_t k)
{
    double num = 0.0, den = 0.0;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t o = 0; o < n; ++o) {
            double y = 0.0, d = 0.0;
            for (int64_t i = 0; i < k; ++i) {
                y += double(x[r * k + i]) * w[o * k + i];
                d += double(x[r * k + i]) * (double(w[o * k + i]) - q[o * k + i]);
            }
            num += d * d;
            den += y * y;
        }
    return std::sqrt(num / den);
}

}  // namespace quanttest
