"""The indicator catalogue in the store, so that search finds names and aliases."""
from __future__ import annotations

from typing import Iterable

from sqlmodel import Session, select

from .models import Indicator


def sync_indicators(session: Session, entries: Iterable) -> int:
    """Insert or update catalogue entries: objects or dicts with id, name and optionally aliases (a list).
    Returns how many were written."""
    n = 0
    for e in entries:
        get = (lambda k, d=None: e.get(k, d)) if isinstance(e, dict) else (lambda k, d=None: getattr(e, k, d))
        iid, name = get("id"), get("name")
        if not iid or not name:
            raise ValueError(f"indicator entry needs an id and a name: {e!r}")
        aliases = get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if any("|" in a for a in aliases):
            raise ValueError(f"indicator {iid}: an alias may not contain '|': {aliases!r}")
        joined = "|".join(dict.fromkeys(a.strip() for a in aliases if a and a.strip())) or None
        row = session.get(Indicator, iid)
        if row is None:
            clash = session.exec(select(Indicator).where(Indicator.name == name)).first()
            if clash is not None:
                raise ValueError(f"indicator name {name!r} already has id {clash.id!r}, not {iid!r}")
            session.add(Indicator(id=iid, name=name, aliases=joined))
        else:
            row.name, row.aliases = name, joined
            session.add(row)
        n += 1
    session.flush()
    return n


def sync_catalogue(session: Session) -> int:
    """Copy the extractor's indicator catalogue (extract/lexicon/indicators.tsv) into the store, so that
    find_indicators() also matches aliases (GDP → 地区生产总值). Returns how many entries were written."""
    from extract.indicators import catalogue

    by_alias, by_id = catalogue()
    aliases: dict[str, list[str]] = {iid: [] for iid in by_id}
    for alias, ind in by_alias.items():
        if alias != ind.name and "|" not in alias:
            aliases[ind.id].append(alias)
    return sync_indicators(session, ({"id": i.id, "name": i.name, "aliases": aliases[i.id]} for i in by_id.values()))
