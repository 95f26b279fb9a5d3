#!/usr/bin/env python3
"""Generates the tokenizer area's committed reference data.

  make_tokenizer_goldens.py goldens SHARED_DIR OUT_DIR
      Tokenizes SHARED_DIR/data/tinystories_val_sample.txt (whole file, no special tokens and with them)
      with the Hugging Face `tokenizers` library and the stories260k tokenizer, and writes
      OUT_DIR/tinystories_stories260k.json: id count, SHA-256 of the little-endian int32 ids, first 2000 ids.
      Also tokenizes a few extra strings with every fixture tokenizer into OUT_DIR/extra_golden.jsonl, and
      writes OUT_DIR/synthetic_golden.jsonl: variants of the stories260k tokenizer.json with other components
      (Metaspace schemes, every Split behaviour, Digits, Punctuation, Whitespace, NFD/Strip, lstrip/single_word
      added tokens, BertProcessing, unk without byte_fallback, ...) given as top-level "overrides", with the
      library's ids and decodes for a set of strings.
  make_tokenizer_goldens.py nfc OUT_CPP
      Writes the compact Unicode NFC tables (canonical combining classes, canonical decompositions,
      primary composites) from Python's unicodedata into a C++ source file.

Needs: pip install tokenizers
"""
import hashlib
import json
import struct
import sys
import unicodedata
from pathlib import Path


def idsDigest(ids):
    return hashlib.sha256(b"".join(struct.pack("<i", i) for i in ids)).hexdigest()


EXTRA_STRINGS = [
    "Tom and Sam went to the park.\n\nThey played all day!",
    "   leading and trailing   ",
    "numbers 1234567 and 3.14159, 2024-01-01",
    "MixedCASE words: DON'T, I'M, we'll, you're",
    "tabs\tand\u00a0nbsp\u3000ideographic space",
    "caf\u00e9 na\u0131\u0308ve \u212b \u1e9b\u0323",
    "\u4f60\u597d\uff0c\u4e16\u754c\uff01\u3053\u3093\u306b\u3061\u306f",
    "code: for (int i = 0; i < n; ++i) { x += y[i]; }",
    "\U0001F600\U0001F44D\U0001F3FD emoji",
    "a" * 300,
    " " * 40 + "x",
    "\r\n\r\n  \n",
]


def goldens(sharedDir: Path, outDir: Path):
    from tokenizers import Tokenizer

    outDir.mkdir(parents=True, exist_ok=True)
    text = (sharedDir / "data" / "tinystories_val_sample.txt").read_text(encoding="utf-8")
    tok = Tokenizer.from_file(str(sharedDir / "models" / "stories260k" / "tokenizer.json"))
    result = {"tokenizer": "models/stories260k/tokenizer.json", "text": "data/tinystories_val_sample.txt"}
    for key, special in (("no_special", False), ("with_special", True)):
        ids = tok.encode(text, add_special_tokens=special).ids
        result[key] = {"count": len(ids), "sha256_int32le": idsDigest(ids), "first_ids": ids[:2000]}
    (outDir / "tinystories_stories260k.json").write_text(json.dumps(result) + "\n", encoding="utf-8")

    lines = []
    families = sorted(p for p in (sharedDir / "tokenizers").iterdir() if (p / "tokenizer.json").exists())
    for fam in families:
        t = Tokenizer.from_file(str(fam / "tokenizer.json"))
        for n, s in enumerate(EXTRA_STRINGS):
            noSpecial = t.encode(s, add_special_tokens=False).ids
            withSpecial = t.encode(s, add_special_tokens=True).ids
            lines.append(json.dumps({
                "family": fam.name, "id": f"x{n:02d}", "text": s,
                "ids_no_special": noSpecial, "ids_with_special": withSpecial,
                "decode_with_special": t.decode(withSpecial, skip_special_tokens=False),
                "decode_with_special_skip": t.decode(withSpecial, skip_special_tokens=True),
            }, ensure_ascii=False))
    (outDir / "extra_golden.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    synthetic(sharedDir, outDir)


SYNTHETIC_STRINGS = [
    "Hello world",
    "  two  spaces, tabs\tand\nnewlines  ",
    "Numbers: 12345 and 3.14; (parens) [brackets] $100!",
    "caf\u00e9 r\u00e9sum\u00e9 \u00c5ngstr\u00f6m",
    "a [MASK] b  [MASK]  c<sw>d <sw> e",
    "hello hellohello xyz   end",
    "\u4f60\u597d \U0001F600",
    "",
    " ",
]


def syntheticVariants():
    ms = "\u2581"
    split = lambda behavior, invert=False: {"type": "Split", "pattern": {"Regex": "\\s+"}, "behavior": behavior, "invert": invert}
    metaspace = lambda scheme, sp: {"type": "Metaspace", "replacement": ms, "prepend_scheme": scheme, "split": sp}
    v = {
        "metaspace_always_split": {"normalizer": None, "pre_tokenizer": metaspace("always", True),
                                   "decoder": metaspace("always", True)},
        "metaspace_first_split": {"normalizer": None, "pre_tokenizer": metaspace("first", True),
                                  "decoder": metaspace("first", True)},
        "metaspace_never": {"normalizer": None, "pre_tokenizer": metaspace("never", False),
                            "decoder": metaspace("never", False)},
        "whitespace_split": {"normalizer": None, "pre_tokenizer": {"type": "WhitespaceSplit"}, "decoder": None},
        "whitespace": {"normalizer": None, "pre_tokenizer": {"type": "Whitespace"}, "decoder": None},
        "digits_individual": {"pre_tokenizer": {"type": "Digits", "individual_digits": True}},
        "punctuation_isolated": {"pre_tokenizer": {"type": "Punctuation", "behavior": "Isolated"}},
        "punctuation_merged_next": {"pre_tokenizer": {"type": "Punctuation", "behavior": "MergedWithNext"}},
        "bytelevel_prefix_space": {"normalizer": None,
                                   "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
                                   "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}},
        "nfd_strip_regex_replace": {"normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Strip", "strip_left": True, "strip_right": True}, {"type": "NFD"},
            {"type": "Replace", "pattern": {"Regex": " +"}, "content": ms}, {"type": "Prepend", "prepend": ms}]}},
        "bert_processing": {"post_processor": {"type": "BertProcessing", "sep": ["</s>", 2], "cls": ["<s>", 1]}},
        "unk_fused": {"model": {"byte_fallback": False, "fuse_unk": True}},
        "unk_not_fused": {"model": {"byte_fallback": False, "fuse_unk": False}},
        "ignore_merges": {"model": {"ignore_merges": True}},
        "added_token_flags": {"added_tokens": [
            {"id": 0, "content": "<unk>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True},
            {"id": 1, "content": "<s>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True},
            {"id": 2, "content": "</s>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True},
            {"id": 512, "content": "[MASK]", "single_word": False, "lstrip": True, "rstrip": False, "normalized": False, "special": True},
            {"id": 513, "content": "<sw>", "single_word": True, "lstrip": False, "rstrip": False, "normalized": False, "special": False},
            {"id": 514, "content": "hello", "single_word": False, "lstrip": False, "rstrip": False, "normalized": True, "special": False},
            {"id": 515, "content": "xyz", "single_word": False, "lstrip": False, "rstrip": True, "normalized": False, "special": True}]},
    }
    for behavior in ("Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"):
        v["split_" + behavior] = {"normalizer": None, "pre_tokenizer": split(behavior), "decoder": None}
        v["split_inverted_" + behavior] = {"normalizer": None, "pre_tokenizer": split(behavior, True), "decoder": None}
    return v


def applyOverrides(base, overrides):
    d = json.loads(json.dumps(base))
    for key, value in overrides.items():
        if key == "model":
            d["model"].update(value)
        else:
            d[key] = value
    return d


def synthetic(sharedDir: Path, outDir: Path):
    from tokenizers import Tokenizer

    base = json.loads((sharedDir / "models" / "stories260k" / "tokenizer.json").read_text(encoding="utf-8"))
    lines = []
    for name, overrides in syntheticVariants().items():
        t = Tokenizer.from_str(json.dumps(applyOverrides(base, overrides)))
        cases = []
        for s in SYNTHETIC_STRINGS:
            withSpecial = t.encode(s, add_special_tokens=True).ids
            cases.append({"text": s, "ids_no_special": t.encode(s, add_special_tokens=False).ids,
                          "ids_with_special": withSpecial,
                          "decode_with_special": t.decode(withSpecial, skip_special_tokens=False),
                          "decode_with_special_skip": t.decode(withSpecial, skip_special_tokens=True)})
        lines.append(json.dumps({"name": name, "overrides": overrides, "cases": cases}, ensure_ascii=False))
    (outDir / "synthetic_golden.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def nfcTables(outCpp: Path):
    ccc, decomp, comp = [], [], []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        k = unicodedata.combining(c)
        if k:
            ccc.append((cp, k))
        d = unicodedata.decomposition(c)
        if d and not d.startswith("<") and not (0xAC00 <= cp <= 0xD7A3):
            parts = [int(x, 16) for x in d.split()]
            decomp.append((cp, parts[0], parts[1] if len(parts) > 1 else 0))
            if len(parts) == 2 and unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) == c:
                comp.append((parts[0], parts[1], cp))
    comp.sort()
    out = [
        "// Generated by scripts/make_tokenizer_goldens.py nfc from Python's unicodedata "
        f"(Unicode {unicodedata.unidata_version}); do not edit.",
        '#include "tokenizer/nfc_data.h"', "", "namespace exl2::nfc {", "",
        f"const CombiningClass kCombiningClasses[] = {{",
    ]
    out += [f"    {{0x{a:X}, {b}}}," for a, b in ccc]
    out += ["};", f"const size_t kCombiningClassCount = {len(ccc)};", "", "const Decomposition kDecompositions[] = {"]
    out += [f"    {{0x{a:X}, 0x{b:X}, 0x{c:X}}}," for a, b, c in decomp]
    out += ["};", f"const size_t kDecompositionCount = {len(decomp)};", "", "const Composition kCompositions[] = {"]
    out += [f"    {{0x{a:X}, 0x{b:X}, 0x{c:X}}}," for a, b, c in comp]
    out += ["};", f"const size_t kCompositionCount = {len(comp)};", "", "}  // namespace exl2::nfc", ""]
    outCpp.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "goldens":
        goldens(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "nfc":
        nfcTables(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
