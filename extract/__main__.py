"""`python -m extract`: the extractor contract on standard input → standard output."""
import logging
import sys

from extract.contract import extract_jsonl


def main() -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    docs, figs = extract_jsonl(sys.stdin, sys.stdout)
    logging.getLogger("extract").info("%d documents, %d figures", docs, figs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
