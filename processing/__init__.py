"""Processing provider and algorithms: thin adapters over core/ and engine/."""
