"""Cleaning and figure extraction: text in, figures out (pure functions).

Public API: `extract_figures(text, *, published, url, title, default_region)` and
`extract.contract.extract_jsonl(lines, out)`; `EXTRACTOR_VERSION` changes whenever output changes.
"""
from __future__ import annotations

EXTRACTOR_VERSION = "0.9.0"

__all__ = ["EXTRACTOR_VERSION", "extract_figures", "Figure"]


def __getattr__(name):
    # lazy: importing the package (e.g. for CleanDocument) must not load jieba/OpenCC
    if name == "extract_figures":
        from extract.figures import extract_figures

        return extract_figures
    if name == "Figure":
        from extract.figure import Figure

        return Figure
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
