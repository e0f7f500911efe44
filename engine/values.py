"""Attribute values as Python sees them: QVariant NULL as None, dates as dates, text trimmed."""

from __future__ import annotations


def plain_value(value, blank_is_null: bool = False):
    """QVariant NULL → None; QDate/QDateTime → Python date/datetime; blank text → None when
    ``blank_is_null``; anything else as is."""
    if value is None:
        return None
    if blank_is_null and isinstance(value, str) and not value.strip():
        return None
    if hasattr(value, "isNull") and value.isNull():
        return None
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime()
    if hasattr(value, "toPyDate"):
        return value.toPyDate()
    return value


def text_of(value) -> str:
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
