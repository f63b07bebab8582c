#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""tile_ppm.py IN.ppm N OUT.ppm: IN (binary P6, maxval 255) tiled N times across and N down."""
import sys


def main() -> int:
    if len(sys.argv) != 4:
        print("usage: tile_ppm.py IN.ppm N OUT.ppm", file=sys.stderr)
        return 2
    data = open(sys.argv[1], "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval; '#' comments skipped
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        print(f"tile_ppm.py: {sys.argv[1]} is not an 8-bit binary PPM", file=sys.stderr)
        return 1
    w, h, n = int(fields[1]), int(fields[2]), int(sys.argv[2])
    pixels = data[pos + 1:pos + 1 + w * h * 3]
    rows = [pixels[y * w * 3:(y + 1) * w * 3] * n for y in range(h)]
    with open(sys.argv[3], "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (w * n, h * n))
        for _ in range(n):
            f.write(b"".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
