"""How files reach the output: the build cache, the page writer, placing cached files, atomic publishing, announcing files to other Pelican plugins."""
