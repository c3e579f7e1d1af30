"""Production settings: absolute URLs and feeds. `make publish`."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("STINT_SITEURL", "https://stint-board.github.io/stint")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# One broken posting on main must not freeze the board: it is left out and reported in
# build-report.json beside the output, and everything else is published (expired postings close).
STINT_KEEP_GOING = True
