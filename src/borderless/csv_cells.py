"""CSV cells a spreadsheet cannot run (OWASP "CSV injection").

Text starting with =, +, -, @, a tab or a carriage return is a formula to Excel, LibreOffice and Google
Sheets: every CSV the platform writes prefixes such a cell with an apostrophe. Plain numbers, negative
amounts included, stay as they are. A file the platform wrote may come back (the seller's product CSV):
`restore` takes the apostrophe off again.
"""

import csv
import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def neutralise(value):
    if isinstance(value, str) and value.startswith(TRIGGERS) and not NUMBER.match(value):
        return "'" + value
    return value


def restore(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


class SafeWriter:
    """csv.writer whose every cell is neutralised."""

    def __init__(self, out, **kwargs) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    def writerow(self, rowdict):
        return super().writerow({key: neutralise(value) for key, value in rowdict.items()})
