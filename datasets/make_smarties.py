"""Generate `smarties_29_tubes.csv`: 29 tubes of 8 colours, as a stand-in for a class's own count.

This is generated data, not counted. It follows two facts: a UK tube holds about 40 sweets in 8
colours, and packs are filled by weight, not by count (Mars wrote this of M&M's to a class in
2006), so the number in a tube varies a little. No published colour mix for Smarties was found,
so each sweet's colour is drawn with equal chances. Run: python datasets/make_smarties.py
"""
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 29
COLOURS = ["red", "orange", "yellow", "green", "blue", "pink", "violet", "brown"]


def make(seed: int = SEED, tubes: int = 29) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    # Filled by weight: about 40 sweets, give or take two, never fewer than 36 or more than 44.
    sizes = np.clip(np.rint(rng.normal(40, 1.5, size=tubes)), 36, 44).astype(int)
    rows = []
    for t, size in enumerate(sizes, start=1):
        counts = rng.multinomial(size, [1 / len(COLOURS)] * len(COLOURS))
        rows += [(t, c, int(n)) for c, n in zip(COLOURS, counts)]
    return pd.DataFrame(rows, columns=["tube", "colour", "count"])


if __name__ == "__main__":
    out = Path(__file__).with_name("smarties_29_tubes.csv")
    make().to_csv(out, index=False)
    print(f"wrote {out.name}")
