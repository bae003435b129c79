"""Which three-tap stride-2 layers run the passes of
src/kernels/local/nnom_local_dw3s2l_dsp.c: dw3s2_records.py's records with a
first word 3 instead of 1 where a line has a padded row at either end or
4 k + 2 or 4 k + 3 outputs (there the old passes copied the border rows
and ended with passes of two), and the layer has at most
NNOM_DW3S2L_CHANNELS channels; elsewhere they stay nnom_dw3s2_s8's. An
unpadded line of 4 k + 1 outputs stays with nnom_dw3s2_s8: its pass of
two costs less than dw3s2l's last pass stepped three outputs back (M4
-O2: 4x27x72 valid 3.58 against 3.83 instructions per MAC, 6x19x32 3.90
against 4.26). Channels not a multiple of four (16 or more) run there
with the overlapping last group, as in nnom_dw3s2_try.
"""

from __future__ import annotations

import numpy as np

CHANNELS = 256  # NNOM_DW3S2L_CHANNELS (nnom_local_dw3s2l.h)
MIN_OUT = 4  # a pass's outputs (nnom_dw3s2l_try)
TAG = 3


def dw3s2l_tagged(records: np.ndarray) -> np.ndarray:
    """records (first word 1) with the first word TAG."""
    records = records.copy()
    records[0] = TAG
    return records


def dw3s2l_retag(records: np.ndarray, pad: int, n_in: int, n_out: int, cout: int) -> np.ndarray:
    """records (first word 1), their first word TAG where the line suits."""
    bottom = 2 * (n_out - 1) - pad + 2 >= n_in
    if cout <= CHANNELS and n_out >= MIN_OUT and (pad > 0 or bottom or n_out % 4 > 1):
        return dw3s2l_tagged(records)
    return records
