#!/usr/bin/env python3
"""Writes exllamav2_measurement_example.json (next to this script): a measurement.json in exllamav2's
exact layout (json.dumps(indent=4)) for a tiny 2-layer Llama-shaped model (hidden 128, q/o 128x128,
k/v 128x64, gate/up 128x256, down 256x128), three options per module. total_bits follows the reference
cost formula (exl2-pipeline.md 4.5); the README next to the file works one value out by hand."""
import json
import math
import os

def total_bits(k, n, qp):
    remaining, groups, rows_left, bits = k, 0, k, 0
    for b, p in zip(qp["bits"], qp["bits_prop"]):
        gs = qp["group_size"][str(b)]
        g = math.ceil(min(k * p, remaining) / gs)
        remaining -= g * gs
        groups += g
        rows = min(gs * g, rows_left)
        bits += rows * n * b
        rows_left -= rows
    return bits + groups * 16 + groups * 32 + groups * n * qp["scale_bits"] + 32 * k

def qp(desc):
    parts = [p.split(":") for p in desc.split("/")]
    props, bits, gsz = [], [], {}
    for prop, bg in parts:
        b, g = bg.split("b_")
        props.append(int(prop) if prop == "1" else float(prop))
        bits.append(int(b))
        gsz[str(int(b))] = int(g[:-1])
    return {"group_size": gsz, "bits": bits, "bits_prop": props, "scale_bits": 4}

ATTN = {"q_proj": (128, 128), "k_proj": (128, 64), "v_proj": (128, 64), "o_proj": (128, 128)}
MLP = {"gate_proj": (128, 256), "up_proj": (128, 256), "down_proj": (256, 128)}
ATTN_ROWS = [  # reference rows 0, 6, 18 (same recipe for all four projections)
    "0.05:3b_64g/0.95:2b_64g", "1:4b_128g", "1:8b_128g"]
MLP_ROWS = [  # reference rows 0, 7, 16 as (gate, up, down)
    ("0.05:3b_64g/0.95:2b_64g", "0.05:3b_64g/0.95:2b_64g", "0.05:6b_32g/0.2:3b_64g/0.75:2b_64g"),
    ("1:4b_128g", "1:4b_32g", "0.05:8b_32g/0.95:4b_128g"),
    ("1:8b_128g", "1:8b_128g", "1:8b_128g")]
ACC = {  # illustrative accuracies: layer 1 a little harder than layer 0
    (0, "attn"): [0.9712, 0.99125, 0.999871], (0, "mlp"): [0.96403, 0.9887, 0.99975],
    (1, "attn"): [0.95218, 0.98664, 0.999702], (1, "mlp"): [0.9551, 0.98312, 0.9996]}

def record(acc, linears):
    r = {"accuracy": acc, "total_bits": sum(total_bits(k, n, q) for (k, n), q in linears.values())}
    for name, (_, q) in linears.items():
        r[name] = q
    return r

measurement = {}
for layer in range(2):
    measurement[f"model.layers.{layer}.self_attn"] = [
        record(a, {name: (shape, qp(d)) for name, shape in ATTN.items()})
        for a, d in zip(ACC[(layer, "attn")], ATTN_ROWS)]
    measurement[f"model.layers.{layer}.mlp"] = [
        record(a, {name: (shape, qp(d)) for (name, shape), d in zip(MLP.items(), row)})
        for a, row in zip(ACC[(layer, "mlp")], MLP_ROWS)]
measurement["model.norm.norm"] = None
measurement["lm_head.linear"] = None
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exllamav2_measurement_example.json")
with open(out, "w") as f:
    f.write(json.dumps({"measurement": measurement, "last_module_idx": 6}, indent=4))
