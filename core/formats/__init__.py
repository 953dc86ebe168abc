"""The site's own date formats, over Django's for each language
(settings.FORMAT_MODULE_PATH). Spanish keeps Django's: "4 de diciembre de 2026"."""
