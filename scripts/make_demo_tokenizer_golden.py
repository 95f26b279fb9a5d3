#!/usr/bin/env python3
"""Golden ids for the built-in demo model's tokenizer, computed by Hugging Face's own `tokenizers` library.

Usage: exl2-tool make-demo-model /tmp/demo && python3 scripts/make_demo_tokenizer_golden.py /tmp/demo/tokenizer.json
Writes tests/data/model/demo_tokenizer_golden.json (read by tests/model without Python)."""
import json
import pathlib
import sys

from tokenizers import Tokenizer

TEXTS = [
    "Once upon a time, Mia and Pip walked to the bakery.",
    "The baker gave the children warm cookies and a small sugar boat.",
    "Zebra café 🚀 42",
    "  two  spaces and\na newline",
    "unknown words: quantization, Hessian, perplexity",
    "",
]

tok = Tokenizer.from_file(sys.argv[1])
rows = [{"text": t, "ids": tok.encode(t).ids} for t in TEXTS]
out = pathlib.Path(__file__).resolve().parent.parent / "tests/data/model/demo_tokenizer_golden.json"
out.write_text(json.dumps({"generator": "tokenizers " + __import__("tokenizers").__version__, "cases": rows},
                          ensure_ascii=False, indent=1) + "\n")
print("wrote", out)
