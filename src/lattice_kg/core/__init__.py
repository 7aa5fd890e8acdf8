"""The project's ground floor: its settings (`lattice.toml`), its vocabulary and its error types.

Nothing here imports the rest of the package, so every other module may import from here.
"""
