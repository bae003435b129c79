"""Which three-tap stride-2 layers run the passes of
src/kernels/local/nnom_local_dw3s2l_dsp.c: dw3s2_records.py's records with a
first word 3 instead of 1 where a line has a padded row at either end or
its outputs are not a multiple of four (there the old passes copied the
border rows and ended with passes of two), and the layer has at most
NNOM_DW3S2L_CHANNELS channels; elsewhere they stay nnom_dw3s2_s8's.
"""

from __future__ import annotations

import numpy as np

CHANNELS = 256  # NNOM_DW3S2L_CHANNELS (nnom_local_dw3s2l.h)
TAG = 3


def dw3s2l_retag(records: np.ndarray, pad: int, n_in: int, n_out: int, cout: int) -> np.ndarray:
    """records (first word 1), their first word TAG where the line suits."""
    bottom = 2 * (n_out - 1) - pad + 2 >= n_in
    if cout <= CHANNELS and n_out >= 4 and (pad > 0 or bottom or n_out % 4):
        records = records.copy()
        records[0] = TAG
    return records
