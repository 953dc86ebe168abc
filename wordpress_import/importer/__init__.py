"""Importing a read WordPress export into the site; see run.Importer."""

from wordpress_import.importer.base import ItemError
from wordpress_import.importer.run import Importer

__all__ = ["Importer", "ItemError"]
