"""`make bench`: generated postings, timed against the tools a team would otherwise use."""
