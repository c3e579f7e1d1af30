"""What the site shows as of a day, as values: the facets, `Posting`, `Board`, pagination, pay bands and currency, the statistics, the guides."""
