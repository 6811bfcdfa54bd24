"""Commands over the stored series and alerts, registered on the main `cli` group."""
from __future__ import annotations
