"""Which text encoding a shapefile's DBF uses (GBK with or without .cpg), from the bytes alone.

Order (platform.md §6.1): a recognised ``.cpg`` wins, then the DBF language driver id (LDID, byte
29: 0x4D = CP936), then the content of the first records' text fields and the field names: valid
UTF-8 with non-ASCII → UTF-8, else GBK (GB18030 when only that decodes), all ASCII → UTF-8.
The content overrules a declared encoding that cannot decode it, a non-UTF-8 declaration on
clearly-UTF-8 text, and a Western single-byte code page on text that decodes as GBK (Chinese land
data labelled 1252 is mislabelled GBK).
``needs_override`` says QGIS/OGR would show mojibake unless the layer's encoding is set
(``layer.setProviderEncoding(guess.encoding)``, or a ``.cpg`` written next to the file).
"""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

DEFAULT_SAMPLE_RECORDS = 2000
SOURCES = ("cpg", "ldid", "content", "default")
_SHAPEFILE_SUFFIXES = (".shp", ".shx", ".dbf", ".cpg", ".prj", ".qix", ".sbn", ".sbx")

# .cpg text (upper case, spaces removed) → encoding name OGR/QGIS/Python all understand.
_CPG_NAMES = {
    "GBK": "GBK",
    "936": "GBK",
    "CP936": "GBK",
    "MS936": "GBK",
    "WINDOWS-936": "GBK",
    "GB2312": "GBK",
    "EUC-CN": "GBK",
    "GB18030": "GB18030",
    "54936": "GB18030",
    "UTF-8": "UTF-8",
    "UTF8": "UTF-8",
    "65001": "UTF-8",
    "BIG5": "BIG5",
    "950": "BIG5",
    "CP950": "BIG5",
    "1252": "CP1252",
    "CP1252": "CP1252",
    "ANSI1252": "CP1252",
    "WINDOWS-1252": "CP1252",
    "88591": "ISO-8859-1",
    "8859-1": "ISO-8859-1",
    "8859_1": "ISO-8859-1",
    "ISO-8859-1": "ISO-8859-1",
    "ISO88591": "ISO-8859-1",
    "LATIN1": "ISO-8859-1",
}
# .cpg values that name no code page: OGR cannot use them (mojibake for non-ASCII text).
_CPG_UNUSABLE = {"ANSI", "OEM", "SYSTEM", ""}

# DBF language driver ids (the xBase table GDAL uses); 0x57 = "current ANSI code page", i.e. unknown.
# fmt: off
_LDID = {
    0x01: "CP437", 0x02: "CP850", 0x03: "CP1252", 0x08: "CP865", 0x09: "CP437", 0x0A: "CP850",
    0x0B: "CP437", 0x0D: "CP437", 0x0E: "CP850", 0x0F: "CP437", 0x10: "CP850", 0x11: "CP437",
    0x12: "CP850", 0x13: "CP932", 0x14: "CP850", 0x15: "CP437", 0x16: "CP850", 0x17: "CP865",
    0x18: "CP437", 0x19: "CP437", 0x1A: "CP850", 0x1B: "CP437", 0x1C: "CP863", 0x1D: "CP850",
    0x1F: "CP852", 0x22: "CP852", 0x23: "CP852", 0x24: "CP860", 0x25: "CP850", 0x26: "CP866",
    0x37: "CP850", 0x40: "CP852", 0x4D: "GBK", 0x4E: "CP949", 0x4F: "BIG5", 0x50: "CP874",
    0x58: "CP1252", 0x59: "CP1252", 0x64: "CP852", 0x65: "CP866", 0x66: "CP865", 0x67: "CP861",
    0x6A: "CP737", 0x6B: "CP857", 0x78: "BIG5", 0x79: "CP949", 0x7A: "GBK", 0x7B: "CP932",
    0x7C: "CP874", 0x86: "CP737", 0x87: "CP852", 0x88: "CP857", 0xC8: "CP1250", 0xC9: "CP1251",
    0xCA: "CP1254", 0xCB: "CP1253", 0xCC: "CP1257",
}
# fmt: on
# What OGR reads with for LDIDs naming no code page: 0x57 "current ANSI" → ISO-8859-1 (GDAL 3.6).
_LDID_READERS = {0x57: "ISO-8859-1"}
# ≥ 9 bytes (three CJK characters in UTF-8): GBK text is valid UTF-8 with probability ~0.15 per character,
# so 4–5 GBK characters pass by chance with probability < 1e-3.
_STRONG_UTF8_BYTES = 9
# Bytes that multi-byte encodings (UTF-8 '东', GBK '东', …) combine and single-byte ones do not.
_PROBE = bytes(range(128, 256)) + b"\xe4\xb8\x9c\xb6\xab\xa4\xa4\x81\x40"


@dataclass(frozen=True)
class EncodingGuess:
    """The encoding to read the DBF with, where it came from and whether QGIS needs to be told."""

    encoding: str
    source: str  # one of SOURCES
    note: str
    needs_override: bool = False
    cpg: Optional[str] = None  # raw .cpg text, if any
    ldid: Optional[int] = None  # DBF byte 29, if a .dbf was read


@dataclass(frozen=True)
class DbfField:
    name: bytes
    type: str
    offset: int  # within a record, after the deletion flag byte
    length: int


@dataclass(frozen=True)
class DbfHeader:
    record_count: int
    header_length: int
    record_length: int
    ldid: int
    fields: tuple[DbfField, ...]


PathLike = Union[str, Path]


def _companion(stem: Path, suffix: str) -> Optional[Path]:
    """``stem`` + ``suffix``, matched case-insensitively (.DBF/.CPG from Windows tools)."""
    exact = Path(str(stem) + suffix)
    if exact.is_file():
        return exact
    if not stem.parent.is_dir():
        return None
    wanted = (stem.name + suffix).lower()
    for candidate in sorted(stem.parent.iterdir()):
        if candidate.name.lower() == wanted and candidate.is_file():
            return candidate
    return None


def normalise_cpg(text: str) -> Optional[str]:
    """A .cpg's content as an encoding name ('936' → 'GBK'); None when it names no code page (ANSI)."""
    key = text.strip().upper().replace(" ", "")
    if key in _CPG_UNUSABLE:
        return None
    if key in _CPG_NAMES:
        return _CPG_NAMES[key]
    if key.isdigit():
        key = "CP" + key
    try:
        return codecs.lookup(key).name.upper()
    except LookupError:
        return None


def ldid_encoding(ldid: int) -> Optional[str]:
    """The encoding a DBF language driver id stands for (0x4D → 'GBK'); None for 0/0x57/unknown."""
    return _LDID.get(ldid)


def read_dbf_header(dbf_path: PathLike) -> DbfHeader:
    """Parse the DBF header and field descriptors (pure Python)."""
    with open(dbf_path, "rb") as handle:
        head = handle.read(32)
        if len(head) < 32:
            raise ValueError("{}: not a DBF file (header shorter than 32 bytes)".format(dbf_path))
        record_count, header_length, record_length = struct.unpack("<IHH", head[4:12])
        descriptors = handle.read(max(header_length - 32, 0))
    fields = []
    offset = 0
    for start in range(0, len(descriptors) - 31, 32):
        block = descriptors[start : start + 32]
        if block[0] == 0x0D:
            break
        field_type = chr(block[11])
        # xBase/shapelib: text fields may use the 'decimals' byte as the high byte of the width.
        length = block[16] if field_type in "NF" else block[16] + 256 * block[17]
        fields.append(DbfField(block[:11].split(b"\0", 1)[0], field_type, offset, length))
        offset += length
    return DbfHeader(record_count, header_length, record_length, head[29], tuple(fields))


@dataclass(frozen=True)
class TextSample:
    """A non-ASCII text value; ``cut`` when it fills its field, so its last character may be cut."""

    value: bytes
    cut: bool = False


def sample_texts(dbf_path: PathLike, header: DbfHeader, max_records: int) -> list[TextSample]:
    """Non-ASCII text values of the first ``max_records`` records, plus non-ASCII field names."""
    samples = [TextSample(f.name) for f in header.fields if not f.name.isascii()]
    text_fields = [f for f in header.fields if f.type in "CV"]
    if not text_fields or header.record_length <= 0:
        return samples
    count = min(header.record_count, max_records)
    with open(dbf_path, "rb") as handle:
        handle.seek(header.header_length)
        data = handle.read(count * header.record_length)
    for start in range(0, len(data) - header.record_length + 1, header.record_length):
        record = data[start : start + header.record_length]
        if record[:1] == b"*":
            continue
        for text_field in text_fields:
            raw = record[1 + text_field.offset : 1 + text_field.offset + text_field.length]
            value = raw.rstrip(b" \0")
            if value and not value.isascii():
                samples.append(TextSample(value, len(value) == text_field.length))
    return samples


def _decodes(sample: TextSample, encoding: str) -> bool:
    """Decodes cleanly; a value filling its field may end in a cut-off character."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(sample.value, final=not sample.cut)
    except UnicodeDecodeError:
        return False
    return True


def _decodes_all(samples: list[TextSample], encoding: str) -> bool:
    return all(_decodes(s, encoding) for s in samples)


def content_encoding(samples: list[TextSample]) -> tuple[Optional[str], str]:
    """(encoding, note) from sampled non-ASCII values; (None, note) when there are none or none decode."""
    if not samples:
        return None, "all sampled text is ASCII"
    total = len(samples)
    utf8 = sum(_decodes(s, "utf-8") for s in samples)
    if utf8 == total:
        return "UTF-8", "{} non-ASCII values, all valid UTF-8".format(total)
    if _decodes_all(samples, "gbk"):
        return "GBK", "{} non-ASCII values, all valid GBK (not UTF-8)".format(total)
    gb18030 = sum(_decodes(s, "gb18030") for s in samples)
    if gb18030 == total:
        return "GB18030", "{} non-ASCII values, valid GB18030 (not GBK)".format(total)
    if max(utf8, gb18030) == 0:
        return None, "{} non-ASCII values decode neither as UTF-8 nor as GB18030".format(total)
    best = "UTF-8" if utf8 >= gb18030 else "GB18030"
    return best, "mixed text: {} of {} values UTF-8, {} GB18030; using {}".format(utf8, total, gb18030, best)


def _reads_correctly(reader: Optional[str], written: str) -> bool:
    """Would text written in ``written`` read correctly with ``reader``?"""
    return reader == written or (reader == "GB18030" and written == "GBK")


def _single_byte(encoding: str) -> bool:
    """Every byte is one character (CP1252, CP437 …): no multi-byte sequence in a probe string."""
    return len(_PROBE.decode(encoding, errors="replace")) == len(_PROBE)


def _strong_utf8(samples: list[TextSample]) -> bool:
    """Enough valid UTF-8 bytes that GBK text passing as UTF-8 by chance is implausible (< 1e-3)."""
    return sum(len(s.value) for s in samples) >= _STRONG_UTF8_BYTES


def detect_shapefile_encoding(shp_path: PathLike, max_records: int = DEFAULT_SAMPLE_RECORDS) -> EncodingGuess:
    """Guess the encoding of a shapefile's attributes (path of the .shp, the .dbf, or without suffix)."""
    path = Path(shp_path)
    stem = path.with_suffix("") if path.suffix.lower() in _SHAPEFILE_SUFFIXES else path
    cpg_file = _companion(stem, ".cpg")
    dbf_file = _companion(stem, ".dbf")
    cpg_text = cpg_file.read_bytes().decode("latin-1").strip() if cpg_file else None
    cpg_encoding = normalise_cpg(cpg_text) if cpg_text is not None else None
    cpg_unusable = cpg_text is not None and cpg_encoding is None

    if dbf_file is None:
        if cpg_encoding:
            return EncodingGuess(
                cpg_encoding, "cpg", ".cpg says {!r}; no .dbf".format(cpg_text), False, cpg_text
            )
        return EncodingGuess("UTF-8", "default", "no .dbf for {}".format(path.name), cpg_unusable, cpg_text)

    header = read_dbf_header(dbf_file)
    ldid = header.ldid
    samples = sample_texts(dbf_file, header, max_records)
    found, content_note = content_encoding(samples)
    # OGR: a .cpg wins over the LDID even when it names no code page; without either, QGIS assumes UTF-8.
    if cpg_text is not None:
        declared, source, origin = cpg_encoding, "cpg", ".cpg says {!r}".format(cpg_text)
        reader = cpg_encoding
    else:
        declared, source, origin = ldid_encoding(ldid), "ldid", "LDID 0x{:02X}".format(ldid)
        reader = declared or _LDID_READERS.get(ldid, "UTF-8")

    def guess(encoding: str, used: str, note: str) -> EncodingGuess:
        needs = cpg_unusable or (bool(samples) and not _reads_correctly(reader, encoding))
        return EncodingGuess(encoding, used, note, needs, cpg_text, ldid)

    if declared:
        content_disagrees = found is not None and (
            (not _single_byte(declared) and not _decodes_all(samples, declared))
            or (found == "UTF-8" and declared != "UTF-8" and _strong_utf8(samples))
            # Chinese land data under a Western single-byte code page is mislabelled GBK.
            or (_single_byte(declared) and found in ("GBK", "GB18030"))
        )
        if not content_disagrees:
            return guess(declared, source, "{}; {}".format(origin, content_note))
        return guess(found, "content", "{}, but the text is {}: {}".format(origin, found, content_note))
    if found is None:
        used = "content" if header.record_count and not samples else "default"
        detail = content_note if header.record_count else "no records"
        return guess("UTF-8", used, "{} names no code page; {}; using UTF-8".format(origin, detail))
    return guess(found, "content", "{} names no code page; {}".format(origin, content_note))
