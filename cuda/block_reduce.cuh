// Tree reduction over one block's threads (blockDim.x a power of two, `shared` blockDim.x long), shared
// by the reducing kernels. The pairing order is fixed, so a sum comes out the same on every run.
#pragma once

namespace exl2::cuda {

struct SumOp {
    template <class T>
    __device__ T operator()(T a, T b) const { return a + b; }
};

struct MaxOp {
    __device__ float operator()(float a, float b) const { return fmaxf(a, b); }
};

// Every thread passes its partial value and gets the block's result.
template <class T, class Op>
__device__ T blockReduce(T* shared, T value, Op op)
{
    shared[threadIdx.x] = value;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (int(threadIdx.x) < s)
            shared[threadIdx.x] = op(shared[threadIdx.x], shared[threadIdx.x + s]);
        __syncthreads();
    }
    return shared[0];
}

}  // namespace exl2::cuda
