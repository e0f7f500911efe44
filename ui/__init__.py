"""Docks and dialogs: 责任书 targets (TargetsDock) and the 田长 roster (RosterDock)."""
