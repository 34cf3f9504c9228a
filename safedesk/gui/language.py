"""The window's language: Qt's translator for the widgets' own words, the gettext catalog for
everything SafeDesk says through messages, and the locale for dates, numbers and layout.

The choice is kept per desk in ``window.ini`` (``interface/language``), under ``SAFEDESK_LANG``
and over the system's locale (``safedesk.i18n.languages``). Changing it builds the window again
for the same person, as "Switch person" does: the old window saves its drafts as it closes and
the new one opens them again, now in the new language.
"""

from __future__ import annotations

import os
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from safedesk.core.managed import INTERFACE_LANGUAGE, NO_MANAGED_SETTINGS, ManagedSettings
from safedesk.core.messages import ENGLISH as ENGLISH_WORDS
from safedesk.core.messages import Words
from safedesk.i18n.catalog import Translator, translator
from safedesk.i18n.languages import ENGLISH, Language, choose_language, language
from safedesk.resources import resource_path

LANGUAGE_KEY = "interface/language"


def saved_language(settings: QSettings) -> str | None:
    value = settings.value(LANGUAGE_KEY)
    return str(value) if value else None


def desk_language(settings: QSettings,
                  managed: ManagedSettings = NO_MANAGED_SETTINGS) -> Language:
    """The window's language: IT's locked one over everything; else SAFEDESK_LANG, the
    person's choice, IT's default, then the system's locale."""
    preset = managed.text(INTERFACE_LANGUAGE)
    if preset and managed.is_locked(INTERFACE_LANGUAGE):
        return language(preset)
    return choose_language(os.environ, saved=saved_language(settings) or preset)


class WindowLanguage:
    """The language installed in the application: one at a time, replaced as a whole."""

    # The application's, whichever instance installed it: a second WindowLanguage (the start-up
    # dialogs', a test's) replaces it rather than stacking another translator over it.
    _qt: ClassVar[QTranslator | None] = None
    # The gettext side of the same choice, for module-level words made without a session
    # (``window_words``), as ``translate()`` is for Qt's side.
    _words: ClassVar[Translator | None] = None

    def __init__(self) -> None:
        self.words: Translator = translator(ENGLISH)

    def install(self, lang: Language) -> Translator:
        app = QCoreApplication.instance()
        if WindowLanguage._qt is not None and app is not None:
            QCoreApplication.removeTranslator(WindowLanguage._qt)
            WindowLanguage._qt = None
        QLocale.setDefault(QLocale(lang.code))
        if lang is not ENGLISH and app is not None:
            qt = QTranslator(app)
            if qt.load(str(resource_path("i18n", f"{lang.code}.qm"))):
                QCoreApplication.installTranslator(qt)
                WindowLanguage._qt = qt
        self.words = WindowLanguage._words = translator(lang)
        return self.words


def window_words() -> Words:
    """The language installed in the window (English before any): for what a module-level
    function of ``gui/`` says through a message, where no session is at hand."""
    return WindowLanguage._words or ENGLISH_WORDS
