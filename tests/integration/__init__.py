"""Tests that run procgraph whole: real servers on 127.0.0.1, the bundled data end to end."""
