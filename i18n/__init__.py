"""Translation: one translator for the plugin, chosen from QGIS's locale."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent
CATALOG = "farmland_guard"
_translator: QTranslator | None = None
#: the language documents (reports, the texts stored in output tables) are written in
DOCUMENT_LOCALE = "zh_CN"
_document: QTranslator | None = None


def qgis_locale() -> str:
    """QGIS's user locale (``zh-Hans``, ``zh_CN``, ``zh``, ``en`` …)."""
    return QgsApplication.locale() or QLocale.system().name()


def install_translator(locale: str | None = None, directory: Path | None = None) -> bool:
    """Install the catalogue for ``locale`` (default: QGIS's); return True when one was found.

    ``QTranslator.load(QLocale, ...)`` tries ``farmland_guard_zh_CN.qm`` then ``farmland_guard_zh.qm``;
    ``zh-Hans``, ``zh_CN`` and ``zh`` all map to ``zh_CN``.
    """
    global _translator
    remove_translator()
    translator = QTranslator()
    if not translator.load(QLocale(locale or qgis_locale()), CATALOG, "_", str(directory or I18N_DIR)):
        return False
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return True


def remove_translator() -> None:
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None


def document_translator(directory: Path | None = None) -> QTranslator | None:
    """The catalogue of DOCUMENT_LOCALE, loaded once; None when it is missing (texts stay English).

    Reports and the texts stored in output tables are filed with the bureau in Chinese whatever the
    language of the user interface (qgis_process under LANG=C included)."""
    global _document
    if _document is None:
        translator = QTranslator()
        if translator.load(QLocale(DOCUMENT_LOCALE), CATALOG, "_", str(directory or I18N_DIR)):
            _document = translator
    return _document
