#!/usr/bin/env python3
"""Golden data for tests/forward, computed independently with Hugging Face `transformers` (CPU torch).

  pip install torch transformers safetensors
  python3 scripts/make_rope_goldens.py            # writes tests/data/forward/

1. rope_goldens.json: inv_freq, attention scaling and cos/sin at chosen positions for every RoPE scaling
   type (default, linear, dynamic NTK, yarn, llama3, longrope short/long, partial rotary) and for the
   converter's -ra (NTK alpha: base * alpha^(d/(d-2))) and -rs (positions / scale == HF linear) overrides.
2. models/<arch>/: tiny random models (fp16-representable weights stored as F16 safetensors, a classic
   config.json) and logits.json: the fp32 transformers forward of two rows of ids.
3. stories260k_windows.json: the first 4 perplexity windows of ../shared (SentencePiece ids, as the shared
   reference json describes its method) and their mean NLL from transformers' fp32 LlamaForCausalLM.
"""
import copy, json, math, os, sys
import torch
import transformers
from transformers import (LlamaConfig, LlamaForCausalLM, Qwen2Config, Qwen2ForCausalLM, Qwen3Config,
                          Qwen3ForCausalLM, Gemma2Config, Gemma2ForCausalLM, MixtralConfig, MixtralForCausalLM,
                          Phi3Config, Phi3ForCausalLM)
from transformers.modeling_rope_utils import ROPE_INIT_FUNCTIONS
from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding
from transformers.models.phi3.modeling_phi3 import Phi3RotaryEmbedding

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "forward")
torch.manual_seed(1234)


def r(x, nd=8):
    return [float(f"{v:.{nd}g}") for v in x]


# ---------------------------------------------------------------- RoPE
def rope_case(name, cfg, rot_cls, seq_len, positions, ours):
    """ours: the fields our ModelConfig/RopeOverrides carry for this case."""
    emb = rot_cls(cfg)
    pos = torch.arange(seq_len).unsqueeze(0)
    x = torch.zeros(1, seq_len, 4, dtype=torch.float32)
    cos, sin = emb(x, pos)  # [1, L, dim], dim = rotary dims (freqs concatenated twice)
    inv = emb.inv_freq.float()
    half = inv.shape[0]
    return {
        "name": name, "seq_len": seq_len, **ours,
        "inv_freq": r(inv.tolist()), "attention_scaling": float(emb.attention_scaling),
        "positions": positions,
        "cos": [r(cos[0, p, :half].tolist()) for p in positions],
        "sin": [r(sin[0, p, :half].tolist()) for p in positions],
    }


def llama_cfg(rope, max_pos=2048, head_dim=64, theta=10000.0):
    params = {"rope_theta": theta, **(rope or {"rope_type": "default"})}
    return LlamaConfig(hidden_size=head_dim * 4, num_attention_heads=4, head_dim=head_dim,
                       max_position_embeddings=max_pos, rope_parameters=params)


def our_scaling(rope):
    if not rope:
        return {"type": "none"}
    d = dict(rope)
    d["type"] = d.pop("rope_type")
    return d


def rope_goldens():
    cases = []
    pos = [0, 1, 7, 100, 1000, 2047]
    def add(name, rope, seq_len=2048, positions=pos, max_pos=2048, alpha=None, scale=None, head_dim=64, theta=10000.0,
            hf_rope=None):
        cfg = llama_cfg(hf_rope if hf_rope is not None else rope, max_pos, head_dim, theta if alpha is None else
                        theta * alpha ** (head_dim / (head_dim - 2)))
        ours = {"head_dim": head_dim, "rope_theta": theta, "max_position_embeddings": max_pos,
                "partial_rotary_factor": 1.0, "rope_scaling": our_scaling(rope)}
        if alpha is not None:
            ours["alpha"] = alpha
        if scale is not None:
            ours["scale"] = scale
        cases.append(rope_case(name, cfg, LlamaRotaryEmbedding, seq_len, positions, ours))

    add("default", None)
    add("linear", {"rope_type": "linear", "factor": 4.0})
    add("dynamic_short", {"rope_type": "dynamic", "factor": 2.0})
    add("dynamic_long", {"rope_type": "dynamic", "factor": 2.0}, seq_len=3000, positions=[0, 5, 500, 2999])
    add("yarn", {"rope_type": "yarn", "factor": 4.0, "original_max_position_embeddings": 512}, max_pos=2048)
    add("yarn_attention_factor", {"rope_type": "yarn", "factor": 8.0, "original_max_position_embeddings": 256,
                                  "attention_factor": 1.5, "beta_fast": 16.0, "beta_slow": 2.0}, max_pos=2048)
    add("llama3", {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                   "original_max_position_embeddings": 256}, theta=500000.0)
    # -ra: our config keeps the plain base and passes alpha; transformers gets the adjusted base.
    add("alpha_ntk", None, alpha=2.5)
    # -rs: our positions / scale must equal transformers' linear scaling by the same factor.
    add("rs_scale", None, scale=3.0, hf_rope={"rope_type": "linear", "factor": 3.0})

    # Phi3 longrope with partial rotary: rotary dims 16 of head_dim 32.
    for name, seq_len in (("longrope_short", 16), ("longrope_long", 48)):
        half = 8
        long_f = [1.0 + 0.37 * i for i in range(half)]
        short_f = [1.0 + 0.05 * i for i in range(half)]
        cfg = Phi3Config(hidden_size=128, num_attention_heads=4, max_position_embeddings=128,
                         original_max_position_embeddings=32, partial_rotary_factor=0.5,
                         rope_parameters={"rope_type": "longrope", "rope_theta": 10000.0, "long_factor": long_f,
                                          "short_factor": short_f, "original_max_position_embeddings": 32,
                                          "partial_rotary_factor": 0.5})
        ours = {"head_dim": 32, "rope_theta": 10000.0, "max_position_embeddings": 128, "partial_rotary_factor": 0.5,
                "rope_scaling": {"type": "longrope", "long_factor": long_f, "short_factor": short_f,
                                 "original_max_position_embeddings": 32}}
        emb = Phi3RotaryEmbedding(cfg)
        c = rope_case(name, cfg, Phi3RotaryEmbedding, seq_len, [0, 3, seq_len - 1], ours)
        # The dynamic update swaps in long_inv_freq inside forward; report what forward used.
        pos_ids = torch.arange(seq_len).unsqueeze(0)
        emb(torch.zeros(1, seq_len, 4), pos_ids)
        c["inv_freq"] = r(emb.inv_freq.float().tolist())
        cases.append(c)
    return {"transformers": transformers.__version__, "torch": torch.__version__, "cases": cases}


# ---------------------------------------------------------------- tiny models
def fp16_values(model, norm_center):
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 1 and "norm" in name:
                p.copy_(norm_center + 0.3 * torch.randn_like(p))
            elif name.endswith("bias"):
                p.copy_(0.3 * torch.randn_like(p))
            else:
                p.copy_(torch.randn_like(p) / math.sqrt(p.shape[-1]) * 1.2)
            p.copy_(p.half().float())


def classic_config(path, extra):
    cfg = json.load(open(path))
    rp = cfg.pop("rope_parameters", None) or {}
    cfg["rope_theta"] = rp.get("rope_theta", 10000.0)
    scaling = {k: v for k, v in rp.items() if k not in ("rope_theta", "partial_rotary_factor")}
    if scaling.get("rope_type", "default") != "default":
        cfg["rope_scaling"] = scaling
    else:
        cfg["rope_scaling"] = None
    if cfg.get("head_dim") is None:
        cfg.pop("head_dim", None)
    cfg["torch_dtype"] = "float16"
    cfg.pop("dtype", None)
    cfg.update(extra)
    json.dump(cfg, open(path, "w"), indent=1, sort_keys=True)


def tiny_model(name, cls, cfg, norm_center=1.0, extra_config=None, rows=2, length=12):
    cfg._attn_implementation = "eager"
    model = cls(cfg).eval()
    fp16_values(model, norm_center)
    d = os.path.join(OUT, "models", name)
    os.makedirs(d, exist_ok=True)
    # A copy goes to fp16 for saving: .half() on the model itself would also round its RoPE inv_freq buffers.
    copy.deepcopy(model).half().save_pretrained(d, safe_serialization=True)
    for f in os.listdir(d):
        if f not in ("model.safetensors", "config.json"):
            os.remove(os.path.join(d, f))
    classic_config(os.path.join(d, "config.json"), extra_config or {})
    ids = torch.randint(0, cfg.vocab_size, (rows, length))
    with torch.no_grad():
        logits = model(input_ids=ids).logits.float()
    json.dump({"transformers": transformers.__version__, "rows": rows, "length": length,
               "ids": ids.flatten().tolist(), "logits": r(logits.flatten().tolist(), 7)},
              open(os.path.join(d, "logits.json"), "w"))


def tiny_models():
    common = dict(vocab_size=64, hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4,
                  num_key_value_heads=2, max_position_embeddings=64, rms_norm_eps=1e-6, tie_word_embeddings=False)
    c = Qwen2Config(**common)
    tiny_model("qwen2", Qwen2ForCausalLM, c)
    c = Qwen3Config(**{**common, "head_dim": 16})
    tiny_model("qwen3", Qwen3ForCausalLM, c)
    c = Gemma2Config(**{**common, "head_dim": 16, "tie_word_embeddings": True, "sliding_window": 5,
                        "query_pre_attn_scalar": 24, "attn_logit_softcapping": 2.0, "final_logit_softcapping": 3.0,
                        "hidden_activation": "gelu_pytorch_tanh"})
    c.layer_types = ["sliding_attention", "full_attention"]
    tiny_model("gemma2", Gemma2ForCausalLM, c, norm_center=0.0)
    c = MixtralConfig(**{**common, "num_local_experts": 4, "num_experts_per_tok": 2})
    tiny_model("mixtral", MixtralForCausalLM, c)
    long_f = [1.0 + 0.37 * i for i in range(2)]
    short_f = [1.0 + 0.05 * i for i in range(2)]
    c = Phi3Config(**{**common, "max_position_embeddings": 32, "partial_rotary_factor": 0.5,
                      "original_max_position_embeddings": 8, "pad_token_id": 0,
                      "rope_parameters": {"rope_type": "longrope", "rope_theta": 10000.0, "long_factor": long_f,
                                          "short_factor": short_f, "original_max_position_embeddings": 8,
                                          "partial_rotary_factor": 0.5}})
    tiny_model("phi3", Phi3ForCausalLM, c, extra_config={"original_max_position_embeddings": 8, "partial_rotary_factor": 0.5})


# ---------------------------------------------------------------- stories260k perplexity windows
def stories_windows(shared, windows=4, window=256):
    import sentencepiece as spm
    model_dir = os.path.join(shared, "models", "stories260k")
    sp = spm.SentencePieceProcessor(model_file=os.path.join(model_dir, "tokenizer.model"))
    text = open(os.path.join(shared, "data", "tinystories_val_sample.txt"), encoding="utf-8").read()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    ids = sp.encode("\n".join(paragraphs))
    model = LlamaForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    rows, nlls = [], []
    for w in range(windows):
        row = [1] + ids[w * window:(w + 1) * window]
        with torch.no_grad():
            logits = model(input_ids=torch.tensor([row])).logits[0].double()
        lp = torch.log_softmax(logits[:-1], dim=-1).gather(1, torch.tensor(row[1:]).unsqueeze(1))
        nlls.append(float(-lp.mean()))
        rows.append(row)
    json.dump({"transformers": transformers.__version__, "window": window, "ids": rows, "mean_nll": nlls,
               "ppl": math.exp(sum(nlls) / len(nlls)), "total_tokens": len(ids)},
              open(os.path.join(OUT, "stories260k_windows.json"), "w"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    json.dump(rope_goldens(), open(os.path.join(OUT, "rope_goldens.json"), "w"), indent=1)
    tiny_models()
    shared = os.environ.get("EXL2_SHARED_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
    if os.path.isdir(shared):
        stories_windows(shared)
    print("wrote", OUT)
