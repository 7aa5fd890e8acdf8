"""The `lattice` commands, one module per command or group: each parses its options and calls the library.

`lattice_kg.cli` wires them into one app; `options` holds the option bundles several commands share.
Heavy libraries are imported inside the commands, so building the app (and `--help`) stays fast.
"""
