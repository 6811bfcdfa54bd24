"""Helpers of the extraction tests: the figures of a text, and the one whose span is exactly a given string."""
from extract import extract_figures


def figs(text, published=None, **kw):
    return extract_figures(text, published=published, **kw)


def one(text, span, published=None, **kw):
    """The figure whose span is exactly `span` (offsets into the original text)."""
    fs = figs(text, published, **kw)
    hits = [f for f in fs if text[f.start:f.end] == span]
    assert hits, f"no figure spans {span!r}; got {[text[f.start:f.end] for f in fs]}"
    return hits[0]


def spans(text, published=None, **kw):
    return [text[f.start:f.end] for f in figs(text, published, **kw)]
