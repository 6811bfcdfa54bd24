"""The extractor contract (../shared/eval/README.md): JSON lines of documents in, JSON lines of figures out."""
from __future__ import annotations

import json
import logging
from typing import Iterable, TextIO

log = logging.getLogger(__name__)


def extract_jsonl(lines: Iterable[str], out: TextIO) -> tuple[int, int]:
    """Read one document per line ({"id","text","published","url","title"}), write one line per figure.

    A line that is not a JSON object with a string "text" is reported on stderr (logging) and skipped;
    the other documents go on. Returns (documents processed, figures written).
    """
    from extract.figures import extract_figures

    docs = figs = 0
    for lineno, line in enumerate(lines, 1):
        if lineno == 1:
            line = line.lstrip("\ufeff")  # a byte-order mark from Windows tools
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            log.error("line %d: not valid JSON (%s); document skipped", lineno, e)
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            log.error("line %d: expected an object with a string \"text\"; document skipped", lineno)
            continue
        doc_id = doc.get("id", f"line-{lineno}")
        try:
            found = extract_figures(doc["text"], published=doc.get("published"), url=doc.get("url"),
                                    title=doc.get("title"))
        except (ValueError, TypeError) as e:
            log.error("line %d (id %s): %s; document skipped", lineno, doc_id, e)
            continue
        except Exception:  # an extractor bug must not stop the batch: say so loudly, go on
            log.exception("line %d (id %s): extraction failed; document skipped", lineno, doc_id)
            continue
        docs += 1
        for f in found:
            out.write(json.dumps(f.contract(doc_id), ensure_ascii=False) + "\n")
            figs += 1
    out.flush()
    return docs, figs
