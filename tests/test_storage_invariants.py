"""Invariants of the versioned store under random report sequences, and concurrent writers."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from alerts.rules import raise_alerts
from storage.db import create_schema, make_engine, session_scope
from storage.models import Alert, Observation, ObservationVersion
from storage.pages import record_fetch, sync_sources
from storage.queries import series_latest
from storage.series import record_figures
from tests.storage_helpers import SOURCES, fetched, fig, utc

T0 = utc(2025, 1, 1)

report = st.tuples(
    st.sampled_from(["tjj_shenyang", "gov_shenyang", "lnd"]),  # source
    st.integers(0, 3),  # page number at that source
    st.sampled_from([100.0, 100.4, 101.0, 120.0]),  # value
    st.sampled_from([None, None, "over", "approx"]),  # qualifier
    st.sampled_from(["x1", "x2"]),  # extractor version
    st.integers(0, 60),  # published, days after T0
)


def _check(session: Session, history: list[tuple]) -> None:
    versions = session.exec(select(ObservationVersion)).all()
    current = [v for v in versions if v.valid_to is None]
    per_source = {}
    for v in current:
        per_source.setdefault((v.observation_id, v.source_id), []).append(v.id)
    assert all(len(ids) == 1 for ids in per_source.values()), per_source
    for v in versions:
        assert v.valid_to is None or v.valid_to >= v.valid_from
        assert (v.valid_to is None) == (v.closed_reason is None), (v.id, v.valid_to, v.closed_reason)
    obs = session.exec(select(Observation)).all()
    assert len(obs) <= 1
    for o in obs:
        head = session.get(ObservationVersion, o.headline_version_id) if o.headline_version_id else None
        if current:
            # the headline comes from the best authority among the sources with a current value
            authority = {s.id: s.authority for s in SOURCES}
            assert authority[head.source_id] == min(authority[v.source_id] for v in current)
    # every moment of the history has at most one value per observation, and "now" is the headline
    for _, t in history:
        rows = series_latest(session, "地区生产总值", as_of=t)
        assert len(rows) <= 1
    now = series_latest(session, "地区生产总值")
    assert (now[0].version_id if now else None) == (obs[0].headline_version_id if obs else None)
    alerts = session.exec(select(func.count()).select_from(Alert)).one()
    versions_alerting = sum(1 for v in versions if v.change_type in ("new", "revised", "conflict"))
    assert alerts == versions_alerting
    assert sum(1 for v in versions if v.change_type == "new") == (1 if versions else 0)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports=st.lists(report, min_size=1, max_size=8))
def test_random_report_sequences_keep_the_invariants(tmp_path_factory, reports):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('inv') / 'db.sqlite'}")
    create_schema(engine)
    history = []
    try:
        with session_scope(engine) as s:
            sync_sources(s, SOURCES)
        for i, (src, page_no, value, qual, xv, days) in enumerate(reports):
            t = T0 + timedelta(days=100 + i)
            with session_scope(engine) as s:
                url = f"https://{src}.example/{page_no}.html"
                pv = record_fetch(s, fetched(url, f"{url} {value} {qual}", source_id=src))
                if pv is None:  # same content as before: re-process the latest version of the page
                    from storage.models import Page, PageVersion
                    page = s.exec(select(Page).where(Page.url == url)).one()
                    pv = s.exec(select(PageVersion).where(PageVersion.page_id == page.id)
                                .order_by(PageVersion.id.desc())).first()
                changes = record_figures(s, pv, [fig("地区生产总值", value, "亿元", "2024", qualifier=qual)],
                                         source_id=src, published=T0 + timedelta(days=days), extractor_version=xv,
                                         recorded_at=t)
                raise_alerts(s, changes)
                again = record_figures(s, pv, [fig("地区生产总值", value, "亿元", "2024", qualifier=qual)],
                                       source_id=src, published=T0 + timedelta(days=days), extractor_version=xv,
                                       recorded_at=t)
                assert again == []
            history.append((i, t))
            with Session(engine) as s:
                _check(s, history)
    finally:
        engine.dispose()


def test_concurrent_writers_on_one_observation_see_each_other(db_url):
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite has one writer at a time; row locks matter on PostgreSQL")
    engine = make_engine(db_url)
    create_schema(engine)
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        pv = record_fetch(s, fetched("https://lnd.example/x.html", "X", source_id="lnd"))
        record_figures(s, pv, [fig("地区生产总值", 100.5, "亿元", "2024")], source_id="lnd", published=None,
                       extractor_version="x1")  # the observation exists before A and B start
    a = Session(engine, expire_on_commit=False)
    pv_a = record_fetch(a, fetched("https://tjj.example/a.html", "A"))
    first = record_figures(a, pv_a, [fig("地区生产总值", 100.5, "亿元", "2024")], source_id="tjj_shenyang",
                           published=utc(2025, 1, 1), extractor_version="x1")
    a.flush()  # A holds the observation's row lock until it commits
    result = {}

    def writer_b():
        with session_scope(engine) as b:
            pv_b = record_fetch(b, fetched("https://tjj.example/b.html", "B"))
            result["changes"] = record_figures(b, pv_b, [fig("地区生产总值", 102.5, "亿元", "2024")],
                                               source_id="tjj_shenyang", published=utc(2025, 2, 1),
                                               extractor_version="x1")

    thread = threading.Thread(target=writer_b)
    thread.start()
    thread.join(timeout=1.0)
    assert thread.is_alive(), "B must wait for A's lock on the observation"
    a.commit()
    a.close()
    thread.join(timeout=30)
    assert [c.change for c in first] == ["confirmed"]
    assert [c.change for c in result["changes"]] == ["revised"]
    with Session(engine) as s:
        current = s.exec(select(ObservationVersion).where(ObservationVersion.valid_to.is_(None),
                                                          ObservationVersion.source_id == "tjj_shenyang")).all()
        assert [v.value for v in current] == [102.5]
    engine.dispose()
