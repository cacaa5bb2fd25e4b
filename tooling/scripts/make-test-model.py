#!/usr/bin/env python3
"""Writes a tiny BERT-shaped embedding model in the transformers.js local layout.

No pretrained model can be downloaded where the project is tested, so tests and benchmarks load
this one through the real @huggingface/transformers path instead. It is deterministic: word,
position and token-type embeddings come from a seeded generator, then one LayerNorm and a
residual tanh projection, so texts sharing words get similar mean-pooled vectors.

    python3 tooling/scripts/make-test-model.py tooling/test/fixtures/models

Needs Debian's python3-onnx (apt-get install -y python3-onnx) and numpy.
Writes <out>/atomkit-test/tiny-bert/{config.json, tokenizer.json, tokenizer_config.json,
onnx/model.onnx, onnx/model_quantized.onnx}.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HIDDEN = 64
MAX_POSITIONS = 512
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# Frequent words of technical documentation, so common words are single tokens and others split
# into WordPiece pieces the way a real vocabulary does.
WORDS = """
a about above access account action add after again against agent alert all allow already also
always an and another answer any api app apply are argument as ask at atom atoms attribute
author auth authentication available back backup base be because before being below between
block body bot both branch break bug build builds but by cache call can cannot case cause
causes certificate change changed changes chat check checks ci citation clean cli client code
codes command commit config configuration connect connection container content context copy
could create created credentials data database date default delete deploy deployment describe
description did different directory disk do docs document does done down draft during each
edit else empty enable endpoint entry environment error errors escalation event every example
exit expected expired explain fail failed failure false faq field fields file files find first
fix folder following for format found from frontmatter full get git give go good group has
have header heading help here host how http https id if image import in index input install
instead into invalid is issue it item its job json just key keys known language large last
latency later lead level limit line link lint list load loaded local lock log login logs long
make many markdown match may memory message missing mode model more most move must name need
network new next no node not note now number of off old on once one only open option or order
other out output over package page parameter parameters password path permission pipeline plan
please port possible prerequisites problem procedure process production property pull push
query queue question rate read reason record related release remote remove repository request
required requires reset resolve resource restart result retry return role rollback rule run
running same schema search secret section see server service session set should show side
since site size so some source start state status step steps still stop storage string such
summary support symptom system table tag tags take template test text than that the their them
then there these they this time timeout title to token too trigger true try type under unit
until up update upgrade url use used user using valid validation value values verify version
view wait warning was way we what when where which while who why will with without work
worker write wrong yaml you your
service queue retries cluster replica shard restore latency metric dashboard operator rollback
migration quota volume route gateway proxy secret batch schedule window threshold capacity
upstream downstream database snapshot week paragraph planning measure depth compare numbers
count workers application stop download bucket assistant answers sentence page review
""".split()
ALPHABET = list("abcdefghijklmnopqrstuvwxyz0123456789")
PUNCT = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
KANA = [chr(c) for c in range(0x3041, 0x3097)] + [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー"]
SUFFIXES = ["##s", "##es", "##ed", "##ing", "##er", "##ly", "##tion", "##al", "##ment", "##ness"]


def vocabulary():
    tokens = SPECIAL + PUNCT + ALPHABET + ["##" + c for c in ALPHABET] + SUFFIXES + KANA + WORDS
    seen = set()
    return [t for t in tokens if not (t in seen or seen.add(t))]


def tokenizer_json(vocab):
    ids = {token: i for i, token in enumerate(vocab)}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for t in SPECIAL
        ],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ["[CLS]", "[SEP]"]},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": ids},
    }


def graph(vocab_size, quantized, rng):
    word = rng.standard_normal((vocab_size, HIDDEN)).astype(np.float32)
    word[0] = 0.0  # [PAD]
    position = (0.05 * rng.standard_normal((MAX_POSITIONS, HIDDEN))).astype(np.float32)
    token_type = (0.05 * rng.standard_normal((2, HIDDEN))).astype(np.float32)
    dense = (rng.standard_normal((HIDDEN, HIDDEN)) / np.sqrt(HIDDEN)).astype(np.float32)
    gamma = np.ones(HIDDEN, dtype=np.float32)
    beta = np.zeros(HIDDEN, dtype=np.float32)

    nodes, inits = [], []

    def table(name, values):
        # The quantized variant stores tables as int8 with a per-tensor scale, as q8 exports do.
        if not quantized:
            inits.append(numpy_helper.from_array(values, name))
            return name
        scale = np.float32(np.abs(values).max() / 127.0 or 1.0)
        q = np.clip(np.round(values / scale), -127, 127).astype(np.int8)
        inits.append(numpy_helper.from_array(q, name + "_q"))
        inits.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), name + "_scale"))
        inits.append(numpy_helper.from_array(np.array(0, dtype=np.int8), name + "_zero"))
        nodes.append(helper.make_node("DequantizeLinear", [name + "_q", name + "_scale", name + "_zero"], [name]))
        return name

    w = table("word_embeddings", word)
    p = table("position_embeddings", position)
    t = table("token_type_embeddings", token_type)
    d = table("dense_weight", dense)
    inits += [numpy_helper.from_array(gamma, "ln_gamma"), numpy_helper.from_array(beta, "ln_beta"),
              numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
              numpy_helper.from_array(np.array(0, dtype=np.int64), "zero_i"),
              numpy_helper.from_array(np.array(1, dtype=np.int64), "one_i")]
    nodes += [
        helper.make_node("Gather", [w, "input_ids"], ["we"]),
        helper.make_node("Shape", ["input_ids"], ["shape"]),
        helper.make_node("Gather", ["shape", "one"], ["seq_len"]),
        helper.make_node("Squeeze", ["seq_len"], ["seq_len_scalar"]),
        helper.make_node("Range", ["zero_i", "seq_len_scalar", "one_i"], ["positions"]),
        helper.make_node("Gather", [p, "positions"], ["pe"]),
        helper.make_node("Gather", [t, "token_type_ids"], ["te"]),
        helper.make_node("Add", ["we", "pe"], ["wp"]),
        helper.make_node("Add", ["wp", "te"], ["emb"]),
        helper.make_node("LayerNormalization", ["emb", "ln_gamma", "ln_beta"], ["h"], axis=-1, epsilon=1e-12),
        helper.make_node("MatMul", ["h", d], ["proj"]),
        helper.make_node("Tanh", ["proj"], ["act"]),
        helper.make_node("Add", ["h", "act"], ["hidden"]),
        # attention_mask is an input of every BERT export; masking happens in mean pooling.
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask_f", "minus_one"], ["mask_3d"]),
        helper.make_node("Mul", ["hidden", "mask_3d"], ["last_hidden_state"]),
    ]
    inits.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), "minus_one"))
    ints = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "seq"])
    g = helper.make_graph(
        nodes, "tiny_bert", [ints("input_ids"), ints("attention_mask"), ints("token_type_ids")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", HIDDEN])], inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], producer_name="atomkit")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write_model_folder(out, vocab, hidden, config, models):
    """Writes a transformers.js local model folder: a one-layer BERT config (plus `config`), the
    tokenizer files of `vocab`, and `models` ({file name: ONNX model}) under onnx/."""
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    bert = {"model_type": "bert", "hidden_size": hidden, "num_attention_heads": 1, "num_hidden_layers": 1,
            "intermediate_size": hidden, "max_position_embeddings": MAX_POSITIONS, "type_vocab_size": 2,
            "vocab_size": len(vocab), "pad_token_id": 0}
    tokenizer_config = {"tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": MAX_POSITIONS,
                        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]",
                        "mask_token": "[MASK]", "clean_up_tokenization_spaces": True}
    write = lambda name, data: open(os.path.join(out, name), "w", encoding="utf-8").write(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    write("config.json", {**bert, **config})
    write("tokenizer_config.json", tokenizer_config)
    write("tokenizer.json", tokenizer_json(vocab))
    for name, model in models.items():
        onnx.save(model, os.path.join(out, "onnx", name))


def main():
    out = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "tooling/test/fixtures/models", "atomkit-test", "tiny-bert")
    vocab = vocabulary()
    models = {name: graph(len(vocab), quantized, np.random.default_rng(20261122))
              for quantized, name in ((False, "model.onnx"), (True, "model_quantized.onnx"))}
    write_model_folder(out, vocab, HIDDEN, {"architectures": ["BertModel"]}, models)
    print(f"wrote {out} (vocabulary {len(vocab)}, hidden {HIDDEN})")


if __name__ == "__main__":
    main()
