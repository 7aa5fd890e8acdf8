"""`lattice validate`: several checkers, one result model, one renderer, one exit-code policy."""
