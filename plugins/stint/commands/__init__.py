"""The `stint` commands: validate, new, fix, from-issue, check-links, and what each needs alone (the issue form, the pull-request comment, link health)."""
