"""Tests of the extract stage (a package, so test module names cannot clash with other stages)."""
