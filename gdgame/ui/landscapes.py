"""Loss landscapes, with and without skip connections: the page's settings and sections."""

from __future__ import annotations

from gdgame.ui import settings

SETTINGS = settings.Page("landscapes", {})
