"""One module per measure; each runs inside a stage process set up for its corpus."""
