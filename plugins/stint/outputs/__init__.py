"""What the board publishes besides Pelican's own pages: cards, feeds and calendars, filter and site data, search, structured data, statistics page and charts, headers."""
