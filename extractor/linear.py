"""A linear decision over named features, stored as plain JSON weights.

The trained decisions of the pipeline (deals: :mod:`extractor.deal_model`; companies:
:mod:`extractor.company_model`) are logistic regressions fitted with scikit-learn by
:mod:`extractor.training`. Scoring needs no learning library: the shipped weights are a dict of
feature name -> weight, a bias and a threshold chosen on out-of-fold predictions.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Optional, Union

from .assets import asset_path

__all__ = ["LinearModel"]


class LinearModel:
    """Feature weights of a trained yes/no decision (subclasses name their ``MODEL_FILE``)."""

    MODEL_FILE = ""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5,
                 meta: Optional[dict] = None):
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.meta = meta or {}

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def decide(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    # -- storage -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"bias": self.bias, "threshold": self.threshold, "meta": self.meta,
                "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, data: dict) -> "LinearModel":
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   float(data.get("threshold", 0.5)), data.get("meta"))

    def to_disk(self, path: Union[str, Path]) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=0, sort_keys=False) + "\n",
                              encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Union[str, Path]) -> "LinearModel":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def shipped(cls) -> Optional["LinearModel"]:
        """The model in ``models/``, or ``None`` where none was trained yet."""
        path = asset_path(cls.MODEL_FILE)
        return cls.from_disk(path) if path.exists() else None
