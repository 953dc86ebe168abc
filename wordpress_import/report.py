"""What an import did: counts per WordPress type and every note, with its id.

Notes name the kind of thing and the WordPress id and title, never the
content of a post.
"""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass

OUTCOMES = ("created", "updated", "skipped", "failed")
TYPES = ("author", "category", "tag", "attachment", "page", "post", "redirect")


@dataclass
class Entry:
    level: str  # "warning", "skipped" or "failed"
    wp_type: str
    wp_id: str
    title: str
    message: str


class Report:
    def __init__(self):
        self.counts = defaultdict(Counter)
        self.entries = []

    def count(self, wp_type, outcome):
        self.counts[wp_type][outcome] += 1

    def add(self, level, wp_type, wp_id, title, message):
        self.entries.append(Entry(level, wp_type, str(wp_id), title or "", message))

    def warning(self, wp_type, wp_id, title, message):
        self.add("warning", wp_type, wp_id, title, message)

    def warnings_for(self, wp_type):
        return sum(
            1
            for entry in self.entries
            if entry.wp_type == wp_type and entry.level == "warning"
        )

    @property
    def failed(self):
        return sum(counter["failed"] for counter in self.counts.values())

    def summary_lines(self):
        """The table printed at the end of a run."""
        header = ("", *OUTCOMES, "warnings")
        rows = [header]
        for wp_type in TYPES:
            counter = self.counts.get(wp_type, Counter())
            warnings = self.warnings_for(wp_type)
            if not any(counter.values()) and not warnings:
                continue
            rows.append(
                (
                    wp_type,
                    *(str(counter[outcome]) for outcome in OUTCOMES),
                    str(warnings),
                )
            )
        widths = [
            max(len(row[column]) for row in rows) for column in range(len(header))
        ]
        return [
            "  ".join(
                cell.ljust(widths[column])
                if column == 0
                else cell.rjust(widths[column])
                for column, cell in enumerate(row)
            ).rstrip()
            for row in rows
        ]

    def write_csv(self, path):
        with open(path, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(
                ["level", "wordpress_type", "wordpress_id", "title", "note"]
            )
            for entry in self.entries:
                writer.writerow(
                    [
                        entry.level,
                        entry.wp_type,
                        entry.wp_id,
                        entry.title,
                        entry.message,
                    ]
                )
