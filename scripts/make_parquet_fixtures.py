#!/usr/bin/env python3
"""Writes the small parquet fixtures of tests/calibration (needs `pip install pyarrow`).

Each file covers one feature of our own parquet reader (codec, page version, dictionary, nulls,
column choice); expected.json lists the column each test reads and the non-null values it must get.
Run from the repository root: python3 scripts/make_parquet_fixtures.py
"""
import json
import os

import pyarrow as pa
import pyarrow.parquet as pq

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "calibration")

WORDS = ["river", "lantern", "Zug", "été", "año", "猫", "ねこ", "кошка", "قطة", "बिल्ली", "emoji 🚀", "tab\there"]


def texts(n, seed):
    out = []
    for i in range(n):
        a = WORDS[(i * 7 + seed) % len(WORDS)]
        b = WORDS[(i * 3 + seed * 5) % len(WORDS)]
        out.append(f"Row {i} of set {seed}: the {a} met the {b}." + (" More words." * (i % 4)))
    return out


def write(name, table, expected_column, expected_values, **kw):
    path = os.path.join(OUT, name)
    pq.write_table(table, path, **kw)
    back = pq.read_table(path).column(expected_column).to_pylist()
    assert [v for v in back if v is not None] == expected_values
    return {"file": name, "column": expected_column, "values": expected_values}


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = []
    t = texts(40, 1)
    cases.append(write("gzip_plain_v1.parquet", pa.table({"text": t}), "text", t,
                       compression="gzip", use_dictionary=False, data_page_size=512))
    t = texts(60, 2)
    cases.append(write("zstd_dict_v1.parquet", pa.table({"text": t}), "text", t,
                       compression="zstd", use_dictionary=True))
    # Few distinct values so the dictionary really repeats; several small data pages.
    t = [WORDS[i % 5] + " again" for i in range(300)]
    cases.append(write("dictionary_pages.parquet", pa.table({"text": t}), "text", t,
                       compression="none", use_dictionary=True, data_page_size=64, write_batch_size=16))
    t = texts(50, 3)
    nullable = [None if i % 3 == 0 else v for i, v in enumerate(t)]
    tbl = pa.table({"text": pa.array(nullable, type=pa.string())})
    cases.append(write("nulls_snappy_v1.parquet", tbl, "text", [v for v in nullable if v is not None],
                       compression="snappy", use_dictionary=False))
    cases.append(write("v2_snappy_nulls_dict.parquet", tbl, "text", [v for v in nullable if v is not None],
                       compression="snappy", data_page_version="2.0", use_dictionary=True))
    t2 = texts(30, 4)
    cases.append(write("v2_zstd_plain.parquet", pa.table({"text": t2}), "text", t2,
                       compression="zstd", data_page_version="2.0", use_dictionary=False, data_page_size=256))
    ids = list(range(25))
    titles = [f"title {i}" for i in ids]
    bodies = texts(25, 5)
    tbl = pa.table({"id": pa.array(ids, type=pa.int64()), "title": titles, "body": bodies})
    cases.append(write("multi_column.parquet", tbl, "title", titles, compression="gzip"))
    cases[-1]["default"] = True  # read without naming a column: the first string column
    cases.append({"file": "multi_column.parquet", "column": "body", "values": bodies})
    # A binary (non-UTF8-annotated) column holding invalid UTF-8: the reader must refuse it by offset.
    bad = pa.table({"blob": pa.array([b"fine", b"bad \xff byte"], type=pa.binary())})
    pq.write_table(bad, os.path.join(OUT, "invalid_utf8.parquet"), compression="none")
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
