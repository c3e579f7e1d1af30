"""Plain Pelican, as a team would run it without stint: the same postings as Markdown
articles, the default theme, feeds on, no cache. The benchmark's yardstick."""

SITENAME = "plain"
SITEURL = "https://plain.example"
FEED_DOMAIN = SITEURL
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "notmyidea"
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
DEFAULT_PAGINATION = 24
# Directory-style pages: the default pattern collides at scale (field notes).
PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"), (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
