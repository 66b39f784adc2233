"""What the benchmarks measure against: synthetic research items and a real file corpus."""
