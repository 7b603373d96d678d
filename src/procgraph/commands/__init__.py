"""Sub-commands of the ``procgraph`` command line.

Each module here defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``;
:mod:`procgraph.cli` discovers them, so adding a command never touches the CLI core.
Commands only parse arguments and call library functions.
"""
