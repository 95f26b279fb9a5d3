#!/usr/bin/env python3
"""A small file written by the reference `safetensors` library (no metadata, as exllamav2's compile writes),
so tests/io can check that SafetensorsWriter produces the same bytes. Writes tests/data/io/reference_layout.safetensors."""
import pathlib

import numpy as np
from safetensors.numpy import save_file

out = pathlib.Path(__file__).resolve().parent.parent / "tests/data/io/reference_layout.safetensors"
save_file({
    "b.q_invperm": np.arange(5, dtype=np.int16),
    "a.weight": np.arange(9, dtype=np.float32).reshape(3, 3) / 7,
    "c.q_weight": np.arange(3, dtype=np.int32) * -3,
    "d.q_scale_max": np.array([0.5, 1.25, -2.0], dtype=np.float16),
    "e.bytes": np.arange(7, dtype=np.uint8),
    "f.count": np.arange(3, dtype=np.int64) - 1,
    "a.bias": np.array([1.5], dtype=np.float32),
}, str(out))
print("wrote", out)
