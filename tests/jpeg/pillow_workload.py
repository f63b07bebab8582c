#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""pillow_workload.py IMAGE...: Pillow (python3-pil) decodes, re-encodes with several options, draft-scales
and fails on a cut copy of each IMAGE, printing digests: JpegTests compares emulated with passed through."""
import hashlib
import io
import sys

from PIL import Image


def main() -> int:
    for path in sys.argv[1:]:
        data = open(path, "rb").read()
        im = Image.open(io.BytesIO(data))
        im.load()
        print(path, im.size, im.mode, hashlib.md5(im.tobytes()).hexdigest())
        for kw in ({"quality": 80}, {"quality": 95, "progressive": True, "optimize": True},
                   {"quality": 50, "subsampling": 0}):
            out = io.BytesIO()
            im.save(out, "JPEG", **kw)
            print(kw, len(out.getvalue()), hashlib.md5(out.getvalue()).hexdigest())
        small = Image.open(io.BytesIO(data))
        small.draft("RGB", (im.size[0] // 4, im.size[1] // 4))
        print("draft", small.size, hashlib.md5(small.tobytes()).hexdigest())
        gray = io.BytesIO()
        im.convert("L").save(gray, "JPEG")
        print("gray", hashlib.md5(gray.getvalue()).hexdigest())
        try:
            Image.open(io.BytesIO(data[:len(data) // 3])).load()
        except OSError as e:
            print("error:", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
