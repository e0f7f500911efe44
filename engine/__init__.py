"""QGIS-side work without widgets: reading layers, geometry batches, writers."""
