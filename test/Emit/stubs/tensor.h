// Stand-in for pto-runtime's tensormap_and_ringbuffer tensor.h (wsp tests only).
#pragma once
#include <cstdint>
#include <cstdio>

enum class DataType : uint32_t { FLOAT32, FLOAT16, INT32, INT16, INT8, UINT8, BFLOAT16, INT64, UINT64 };

inline uint64_t wsp_stub_element_size(DataType t) {
  switch (t) {
  case DataType::FLOAT16: case DataType::INT16: case DataType::BFLOAT16: return 2;
  case DataType::INT8: case DataType::UINT8: return 1;
  case DataType::INT64: case DataType::UINT64: return 8;
  default: return 4;
  }
}

struct WspStubBuffer {
  uint64_t addr;  // bytes
  uint64_t size;  // bytes
};

// What a kernel receives for a tensor param: the view of a root buffer.
struct TensorData {
  WspStubBuffer buffer;
  uint64_t raw_shapes[5];
  uint64_t shapes[5];
  uint64_t offsets[5];
  uint64_t start_offset;  // elements, from raw_shapes and offsets
  uint64_t ndims;
  DataType dtype;
};

struct Tensor {
  TensorData d{};

  Tensor view(const uint64_t sizes[], const uint64_t offsets[]) const {
    Tensor v = *this;
    uint64_t start = 0, stride = 1;
    for (int i = static_cast<int>(d.ndims) - 1; i >= 0; --i) {
      v.d.shapes[i] = sizes[i];
      v.d.offsets[i] = d.offsets[i] + offsets[i];
      start += v.d.offsets[i] * stride;
      stride *= d.raw_shapes[i];
    }
    v.d.start_offset = start;
    return v;
  }
};

inline Tensor wsp_stub_make(void* addr, const uint64_t shapes[], uint64_t ndims, DataType dtype) {
  Tensor t;
  uint64_t n = 1;
  for (uint64_t i = 0; i < ndims; ++i) {
    t.d.raw_shapes[i] = t.d.shapes[i] = shapes[i];
    n *= shapes[i];
  }
  t.d.ndims = ndims;
  t.d.dtype = dtype;
  t.d.buffer.addr = reinterpret_cast<uint64_t>(addr);
  t.d.buffer.size = n * wsp_stub_element_size(dtype);
  return t;
}

inline Tensor make_tensor_external(void* addr, const uint64_t shapes[], uint64_t ndims,
                                   DataType dtype = DataType::FLOAT32, int32_t version = 0) {
  (void)version;
  return wsp_stub_make(addr, shapes, ndims, dtype);
}

inline Tensor make_tensor(const uint64_t shapes[], uint64_t ndims,
                          DataType dtype = DataType::FLOAT32, int32_t version = 0) {
  (void)version;
  return wsp_stub_make(nullptr, shapes, ndims, dtype);
}
