"""Network analysis of the actor network the graph describes: does it look like hub-and-spoke or a lattice?

`extract` reads the ties and their evidence from a store, `measures` computes on a plain networkx graph,
`report` assembles yearly, per-domain and per-actor tables, `plot` draws the figures. Nothing here is
imported by the CLI until `lattice network` runs.
"""
