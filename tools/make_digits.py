"""Generate gdgame/data/digits.npz: the 8 × 8 handwritten digits the softmax lessons learn from.

Run with scikit-learn installed (a tool-only dependency, not in requirements*.txt):
    python tools/make_digits.py
The app reads the committed file; it never needs scikit-learn.

It records, from scikit-learn's bundled copy of the UCI ML Optical Recognition of Handwritten
Digits test set (1 797 images, CC BY 4.0):
- ``images``: uint8, shape (1797, 64), each row an 8 × 8 image in row-major order, values 0..16;
- ``labels``: uint8, shape (1797,), the digit 0..9 each image shows;
- ``source``: a 0-d string array, the attribution to show wherever the digits are used.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

OUT = Path(__file__).parents[1] / "gdgame" / "data" / "digits.npz"
SOURCE = (
    "UCI ML Optical Recognition of Handwritten Digits (Alpaydin & Kaynak, 1998), CC BY 4.0, "
    "via scikit-learn's bundled copy"
)
N_IMAGES, N_PIXELS, MAX_VALUE = 1797, 64, 16


def load() -> tuple[np.ndarray, np.ndarray]:
    """The images as uint8 rows of 64 pixels and their labels as uint8, checked."""
    digits = load_digits()
    data, target = np.asarray(digits.data), np.asarray(digits.target)
    if data.shape != (N_IMAGES, N_PIXELS) or target.shape != (N_IMAGES,):
        raise ValueError(f"unexpected shapes {data.shape} and {target.shape}")
    if not np.array_equal(data, np.round(data)) or data.min() < 0 or data.max() > MAX_VALUE:
        raise ValueError("pixel values are not integers in 0..16")
    if set(np.unique(target).tolist()) != set(range(10)):
        raise ValueError("labels are not the digits 0..9")
    return data.astype(np.uint8), target.astype(np.uint8)


def main() -> None:
    images, labels = load()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, images=images, labels=labels, source=np.array(SOURCE))
    with np.load(OUT) as saved:
        if not (
            np.array_equal(saved["images"], images) and np.array_equal(saved["labels"], labels)
        ):
            raise ValueError(f"{OUT} does not read back as written")
        print(f"images {saved['images'].dtype} {saved['images'].shape}")
        print(f"labels {saved['labels'].dtype} {saved['labels'].shape}")
    counts = np.bincount(labels, minlength=10)
    print(f"images per digit: {counts.tolist()}")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
