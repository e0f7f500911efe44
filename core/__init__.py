"""Domain logic of Farmland Guard: pure Python and numpy, no QGIS and no Qt."""
