"""Development settings: `make html`, `make devserver`. publishconf.py adds production."""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "plugins"))

SITENAME = "stint"
SITE_TAGLINE = "Micro-internships: short, paid, project work for students"
SITE_DESCRIPTION = "A curated board of micro-internships: two to four weeks of real, mostly paid and remote project work for students, from employers and alumni."
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = str(HERE / "content")
THEME = str(HERE / "theme")
PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = ["stint"]

# The board: where postings live and which day it is (both also from the environment).
STINT_LISTINGS = os.environ.get("STINT_LISTINGS", str(HERE / "listings"))
STINT_TODAY = os.environ.get("STINT_TODAY")  # None: today in UTC
STINT_PER_PAGE = 24
# Rendered pages and checked postings from earlier builds (`make clean` empties it).
STINT_CACHE = os.environ.get("STINT_CACHE", str(HERE / ".stint-cache"))
STINT_REPOSITORY = "https://github.com/stint-board/stint"

# Our templates print employer text: escape everything unless marked safe.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}

# Guides are articles under /guides/<slug>/; the board writes home, listing and guide index.
ARTICLE_PATHS = ["guides"]
ARTICLE_URL = "guides/{slug}/"
ARTICLE_SAVE_AS = "guides/{slug}/index.html"
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
STATIC_PATHS = []
DIRECT_TEMPLATES = []
for _kind in ("CATEGORY", "CATEGORIES", "TAG", "TAGS", "AUTHOR", "AUTHORS", "ARCHIVES"):
    globals()[f"{_kind}_SAVE_AS"] = ""
THEME_STATIC_DIR = "theme"
PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"), (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))

# Feeds are written by the board (per topic); Pelican's own are off.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# `make devserver` also watches the postings and the schema (plugins/stint/site/devserver.py).
