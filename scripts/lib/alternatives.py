#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""What Debian's maintainer scripts would have set up in a guest root that dpkg -x extracted.

Usage: alternatives.py ROOT DEB...

1. update-alternatives links. libblas.so.3, liblapack.so.3 (numpy needs both), awk, which...
   are links that each provider's postinst registers with `update-alternatives --install LINK
   NAME PATH PRIORITY [--slave LINK NAME PATH]...`; `dpkg -x` never runs it. Here every
   package's postinst is read (never run), and per NAME the highest priority whose PATH the root
   has wins, as in update-alternatives' auto mode. The links go through etc/alternatives/NAME
   like the real thing, but relative, so they stay inside the root when QEMU follows them.
2. Absolute symbolic links (etc/rmt -> /usr/sbin/rmt) become relative: under QEMU's -L an
   absolute target is the host's file.

Prints one line per alternative made to stderr. `--plan` prints the choices instead of making
them (for tests): NAME LINK PATH PRIORITY.
"""
import io
import os
import re
import shlex
import subprocess
import sys
import tarfile

ASSIGNMENT = re.compile(r'^\s*([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*$')


def postinst(deb):
    """The postinst text of DEB, or ''."""
    ctrl = subprocess.run(['dpkg-deb', '--ctrl-tarfile', deb], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(ctrl)) as tar:
        for member in tar.getmembers():
            if os.path.basename(member.name) == 'postinst' and member.isfile():
                return tar.extractfile(member).read().decode('utf-8', 'replace')
    return ''


def installs(script):
    """(link, name, path, priority, [(link, name, path)...]) of each `update-alternatives --install`.

    Shell variables assigned plainly in the script (blis_pri=80) are substituted; an install whose
    words still hold a `$` after that is skipped (computed at run time, which we never do)."""
    text = script.replace('\\\n', ' ')
    variables = {}
    result = []
    for line in text.splitlines():
        if m := ASSIGNMENT.match(line):
            variables[m.group(1)] = m.group(2).strip('"\'')
            continue
        if 'update-alternatives' not in line or '--install' not in line:
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue
        words = [re.sub(r'\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?', lambda m: variables.get(m.group(1), m.group(0)), w) for w in words]
        words = words[words.index('--install'):] if '--install' in words else []
        if len(words) < 5 or any('$' in w for w in words[1:5]):
            continue
        link, name, path, priority = words[1:5]
        if not priority.lstrip('-').isdigit():
            continue
        slaves = []
        rest = words[5:]
        while len(rest) >= 4 and rest[0] == '--slave':
            slaves.append(tuple(rest[1:4]))
            rest = rest[4:]
        result.append((link, name, path, int(priority), slaves))
    return result


def inside(root, path):
    return os.path.join(root, path.lstrip('/'))


def exists(root, path):
    """Whether the guest path exists in the root (links followed inside the root)."""
    current = '/'
    parts = [p for p in path.split('/') if p]
    hops = 0
    while parts:
        part = parts.pop(0)
        if part in ('', '.'):
            continue
        if part == '..':
            current = os.path.dirname(current)
            continue
        nxt = os.path.join(current, part)
        host = inside(root, nxt)
        if os.path.islink(host):
            hops += 1
            if hops > 40:
                return False
            target = os.readlink(host)
            parts = [p for p in target.split('/') if p] + parts
            if target.startswith('/'):
                current = '/'
            continue
        current = nxt
    return os.path.lexists(inside(root, current))


def plan(root, debs):
    """NAME -> (link, path, priority, slaves) of the winning provider, per update-alternatives' auto mode."""
    best = {}
    for deb in debs:
        for link, name, path, priority, slaves in installs(postinst(deb)):
            if not exists(root, path):
                continue  # update-alternatives refuses a missing alternative
            current = best.get(name)
            if current is None or (priority, path) > (current[2], current[1]):
                best[name] = (link, path, priority, slaves)
    return best


def relative_link(root, link, target):
    """Makes guest path LINK a relative symbolic link to guest path TARGET (replacing a link there)."""
    host = inside(root, link)
    if os.path.lexists(host) and not os.path.islink(host):
        return False  # a real file the package shipped: update-alternatives leaves it alone too
    os.makedirs(os.path.dirname(host), exist_ok=True)
    if os.path.islink(host):
        os.unlink(host)
    os.symlink(os.path.relpath(target, os.path.dirname(link)), host)
    return True


def make(root, best):
    for name in sorted(best):
        link, path, priority, slaves = best[name]
        alt = f'/etc/alternatives/{name}'
        relative_link(root, alt, path)
        relative_link(root, link, alt)
        print(f'guest-sysroot: alternative {name}: {link} -> {path} (priority {priority})', file=sys.stderr)
        for slave_link, slave_name, slave_path in slaves:
            if exists(root, slave_path):
                relative_link(root, f'/etc/alternatives/{slave_name}', slave_path)
                relative_link(root, slave_link, f'/etc/alternatives/{slave_name}')


def relativize(root):
    """Absolute symbolic links inside the root point inside the root, relatively."""
    for directory, dirs, files in os.walk(root):
        for entry in dirs + files:
            host = os.path.join(directory, entry)
            if not os.path.islink(host):
                continue
            target = os.readlink(host)
            if target.startswith('/'):
                guest = '/' + os.path.relpath(host, root)
                os.unlink(host)
                os.symlink(os.path.relpath(target, os.path.dirname(guest)), host)


def main(argv):
    args = argv[1:]
    only_plan = args[:1] == ['--plan']
    if only_plan:
        args = args[1:]
    if len(args) < 1:
        print('usage: alternatives.py [--plan] ROOT DEB...', file=sys.stderr)
        return 2
    root, debs = args[0], args[1:]
    best = plan(root, debs)
    if only_plan:
        for name in sorted(best):
            link, path, priority, _ = best[name]
            print(name, link, path, priority)
        return 0
    relativize(root)
    make(root, best)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
