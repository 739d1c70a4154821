"""axe-core in the browser tests: the WCAG 2.1 A/AA rules, violations as readable lines."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    """Every WCAG 2.1 A/AA violation on the page, with the first three elements it concerns."""
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
