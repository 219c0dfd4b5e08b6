"""Honest fakes of the services the checker talks to, served on loopback for tests."""
