"""Alerts: rules turn recorded changes into ledger rows (rules), people and programs read them (render),
channels send them and record each delivery (ledger, channels)."""
