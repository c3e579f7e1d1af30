"""The listing's first frame: a few bytes of inline script that run before the first paint.

A shared link such as /internships/?field=research&location=remote used to paint the
unfiltered list, then replace it once board.js had loaded: a layout shift (CLS 0.07 in
Lighthouse, mobile). This script marks the page before it is painted: ``js`` (board.js
will show the search bar and jump link, so their room is kept from the start) and
``js-filtering`` when the address carries a filter (the static list is kept out of sight,
its room kept, until board.js has drawn the filtered one). Inline, because a separate file
would delay the first paint; allowed by its hash in the page's CSP, never 'unsafe-inline'.
"""

from __future__ import annotations

from stint.board.facets import FACETS
from stint.outputs.structured_data import script_hash

# The address parameters that filter or reorder the list: every facet (a new one needs no
# edit here), and board.js's sort, words and minimum pay.
FILTERING = "|".join([*(facet.name for facet in FACETS), "sort", "q", "min_hourly"])
FILTERED = f"/[?&]({FILTERING})=/.test(location.search)"
SCRIPT = f"(function(c){{c.add('js');if({FILTERED})c.add('js-filtering')}})(document.documentElement.classList)"
HASH = script_hash(SCRIPT)
