"""The versioned store: pages and their versions, series, observations and every report of their values
(see storage/README.md). Modules: db (engines, sessions, migrations), models (all tables), pages,
series (recording and classifying figures), queries (reads), runs, periods, values, indicators."""
