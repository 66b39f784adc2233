"""Hardening of the HTTP surface: client addresses, headers, throttling, two-step sign-in, logs."""
