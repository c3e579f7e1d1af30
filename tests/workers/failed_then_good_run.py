"""Two runs of one Pelican object, as the devserver makes them: the first fails half-way (a
broken template, after the guides are written), the second, after a guide is deleted and the
template mended, succeeds (tests/test_build_safety.py checks nothing of the first run survives).

Usage: python failed_then_good_run.py PELICANCONF CONTENT THEME OUTPUT
"""

from __future__ import annotations

import sys
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


def main(conf: str, content: str, theme: str, output: str) -> None:
    pelican = Pelican(read_settings(conf, override={"PATH": content, "THEME": theme, "OUTPUT_PATH": output}))
    template = Path(theme, "templates", "posting.html")
    good = template.read_text(encoding="utf-8")
    template.write_text(good + "{% if %}", encoding="utf-8")
    try:
        pelican.run()
    except Exception as error:  # the devserver goes on after any failure: so does this script
        print("first run failed:", type(error).__name__)
    Path(content, "guides", "earning-academic-credit.md").unlink()
    template.write_text(good, encoding="utf-8")
    pelican.run()


if __name__ == "__main__":
    main(*sys.argv[1:])
