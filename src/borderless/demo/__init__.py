"""Demo data: a believable marketplace of US sellers, their bilingual catalogue and Chinese buyers.

from borderless.demo import load_demo
summary = load_demo(stdout=sys.stdout)   # summary.created, summary.logins
"""

from borderless.demo.load import DemoConflict, DemoSummary, load_demo

__all__ = ["DemoConflict", "DemoSummary", "load_demo"]
