# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs inside the guest (Debian's arm64 python3 with Debian's python3-lxml): the test_suite() of
lxml's own test modules from lxml's Debian source, against the installed lxml, writing one line
per test case as it finishes, "outcome<TAB>case id", to OUT (flushed: a run that dies leaves the
cases before it).

Usage: python3 lxml_cases.py LXML_SOURCE OUT MODULE...   (MODULE: test_etree, test_xslt...)
"""
import os
import sys
import unittest

src, out, modules = sys.argv[1], sys.argv[2], sys.argv[3:]
# The source's tests directory is imported as the package "tests" (its modules import
# .common_imports), while "lxml" stays the installed one (Debian's python3-lxml).
sys.path.insert(0, os.path.join(src, "src", "lxml"))
os.chdir(os.path.join(src, "src", "lxml", "tests"))


class Recorder(unittest.TextTestResult):
    def __init__(self, stream, descriptions, verbosity, log):
        super().__init__(stream, descriptions, verbosity)
        self.log = log

    def record(self, test, outcome):
        self.log.write(f"{outcome}\t{test.id()}\n")
        self.log.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self.record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.record(test, "failed")

    def addError(self, test, err):
        super().addError(test, err)
        self.record(test, "error")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.record(test, "skipped")

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.record(test, "xfail")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.record(test, "xpass")


with open(out, "w") as log:
    suite = unittest.TestSuite()
    for m in modules:
        module = __import__("tests." + m, fromlist=["test_suite"])
        suite.addTests(module.test_suite())
    runner = unittest.TextTestRunner(verbosity=1, resultclass=lambda *a: Recorder(*a, log))
    result = runner.run(suite)
sys.exit(0 if result.wasSuccessful() else 1)
