"""Run the project's fault tests and write down what they showed.

    .venv/bin/python bench/faults.py          # SQLite, or DATABASE_URL's PostgreSQL

The fault tests are the ones marked `@pytest.mark.fault("outage")` (a service
stops or fails under the site: PostgreSQL, Redis, the mail server, Varnish, a
scheduled job) or `@pytest.mark.fault("input")` (what a hostile or careless
visitor can send). Each of them asserts that nothing reached the server and was
lost: the inquiry is stored, or refused beside its field with what was typed
kept. This script runs them with CI=true (a missing tool fails, never skips),
then prints and writes to bench/results/ how many faults were survived and how
many inputs were tried, with each test's outcome.
"""

import os
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class FaultFigures:
    """Collects each fault test's kind and outcome as pytest runs it."""

    def __init__(self):
        self.kind = {}
        self.outcome = {}

    def pytest_collection_modifyitems(self, items):
        for item in items:
            marker = item.get_closest_marker("fault")
            if marker:
                self.kind[item.nodeid] = marker.args[0]

    def pytest_runtest_logreport(self, report):
        if report.nodeid not in self.kind:
            return
        # A failed set-up or tear-down counts against the test too.
        counts = report.when == "call" or report.outcome != "passed"
        if counts and self.outcome.get(report.nodeid) in (None, "passed"):
            self.outcome[report.nodeid] = report.outcome

    def lines(self, database, started):
        by_test = defaultdict(list)
        for nodeid, kind in self.kind.items():
            by_test[(kind, nodeid.split("[")[0])].append(self.outcome.get(nodeid))
        outages = [cases for (kind, _), cases in by_test.items() if kind == "outage"]
        inputs = [cases for (kind, _), cases in by_test.items() if kind == "input"]
        passed = sum(o == "passed" for o in self.outcome.values())
        out = [
            f"# Fault tests, {started:%Y-%m-%d %H:%M} UTC, on {database}",
            "",
            f"- Faults survived: {sum(all(o == 'passed' for o in c) for c in outages)}"
            f" of {len(outages)} (a service stopped or failing under the site)",
            f"- Inputs tried: {sum(len(c) for c in inputs)} in {len(inputs)} tests,"
            f" {sum(o == 'passed' for c in inputs for o in c)} handled"
            " (stored, or refused with a message and what was typed kept)",
            f"- Test cases passed: {passed} of {len(self.kind)}. Those sending an"
            " inquiry assert it was stored and notified, or refused beside its field"
            " with the rest kept: none lost",
            "",
            "```text",
        ]
        for (kind, test), cases in sorted(by_test.items()):
            shown = ", ".join(sorted({str(o) for o in cases}))
            count = f" x{len(cases)}" if len(cases) > 1 else ""
            out.append(f"{kind:7} {shown:7} {test}{count}")
        out.append("```")
        return out


def main():
    os.environ["CI"] = "true"
    os.chdir(ROOT)
    started = datetime.now(UTC)
    figures = FaultFigures()
    code = pytest.main(["-q", "-p", "no:xdist", "-m", "fault", "tests"], [figures])
    database = (
        "PostgreSQL"
        if os.environ.get("DATABASE_URL", "").startswith("postg")
        else "SQLite"
    )
    text = "\n".join(figures.lines(database, started)) + "\n"
    print(text)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    path = results / f"faults-{started:%Y-%m-%d-%H%M}-{database.lower()}.md"
    path.write_text(text)
    print(f"written to {path.relative_to(ROOT)}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
