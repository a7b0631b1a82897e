#!/usr/bin/env python3
"""Prints the table of wide characters in src/text/width.cpp from Python's Unicode database.

Wide are the characters whose East Asian Width (UAX #11) is W (wide), F (full-width) or A
(ambiguous: wide in East Asian fonts and terminals, which is what nianbao's workbook, document
and messages are shown in), and the unassigned code points UAX #11 says default to W (the CJK
ideograph blocks and planes 2 and 3). Other unassigned code points join the range around them,
which keeps the table short. Usage: tools/gen_east_asian_width.py > table.inc, then paste.
"""
import sys
import unicodedata

CJK_DEFAULT_WIDE = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)]


def width_class(cp):
    ch = chr(cp)
    if unicodedata.category(ch) == "Cn":
        return "W" if any(a <= cp <= b for a, b in CJK_DEFAULT_WIDE) else None
    return "W" if unicodedata.east_asian_width(ch) in "WFA" else "N"


def wide_ranges():
    ranges, previous_wide = [], False
    for cp in range(0x110000):
        k = width_class(cp)
        if k is None:
            continue
        if k == "W":
            if previous_wide:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
        previous_wide = k == "W"
    return ranges


def main():
    ranges = wide_ranges()
    print(f"    // Unicode {unicodedata.unidata_version}: {len(ranges)} ranges (tools/gen_east_asian_width.py).")
    items = [f"{{0x{a:X}, 0x{b:X}}}" for a, b in ranges]
    for i in range(0, len(items), 5):
        print("    " + ", ".join(items[i:i + 5]) + ",")
    return 0


if __name__ == "__main__":
    sys.exit(main())
