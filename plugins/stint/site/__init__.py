"""The Pelican plugin: signal wiring, the board's generator, the devserver's watch."""
