"""Generate two dice datasets: 20 sets of 30 throws of a fair dice, and of a loaded one.

Generated, not thrown. The fair dice gives each face a chance of 1 in 6. The loaded dice is made
up for teaching: it lands on 6 half as often as a fair dice would (1 in 12) and on 1 more often,
so that pupils can find out how many throws it takes to tell. Run: python datasets/make_dice.py
"""
from pathlib import Path

import numpy as np
import pandas as pd

FACES = ["1", "2", "3", "4", "5", "6"]
SETS, THROWS = 20, 30
FAIR = [1 / 6] * 6
LOADED = [3 / 12, 2 / 12, 2 / 12, 2 / 12, 2 / 12, 1 / 12]
SEEDS = {"dice_fair": 6, "dice_loaded": 66}


def make(chances, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(1, SETS + 1):
        counts = rng.multinomial(THROWS, chances)
        rows += [(s, face, int(n)) for face, n in zip(FACES, counts)]
    return pd.DataFrame(rows, columns=["set of throws", "face", "count"])


if __name__ == "__main__":
    here = Path(__file__).parent
    for name, chances in [("dice_fair", FAIR), ("dice_loaded", LOADED)]:
        make(chances, SEEDS[name]).to_csv(here / f"{name}.csv", index=False)
        print(f"wrote {name}.csv")
