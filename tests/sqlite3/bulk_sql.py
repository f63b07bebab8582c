#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes a deterministic SQL script for the sqlite3 CLI to stdout: N order rows inserted in
transactions of 10,000, 1,000 customers, an index, joins and aggregates.

Usage: bulk_sql.py [N]   (default 200000)
"""
import sys

CITIES = ["Lyon", "Oslo", "Kyoto", "Quito", "Perth", "Accra", "Tromsø", "Cusco"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    out = sys.stdout
    # The figures compare CPU work, not the disk: no fsync per transaction.
    out.write("PRAGMA synchronous=OFF;\n")
    out.write("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);\n")
    out.write("CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER NOT NULL, amount REAL, "
              "qty INTEGER, note TEXT);\n")
    out.write("BEGIN;\n")
    for c in range(1, 1001):
        out.write(f"INSERT INTO customers VALUES({c}, 'customer {c:04d}', '{CITIES[c * 7 % len(CITIES)]}');\n")
    out.write("COMMIT;\n")
    x = 12345
    for i in range(1, n + 1):
        if i % 10000 == 1:
            out.write("BEGIN;\n")
        x = (x * 1103515245 + 12345) % 2147483648
        customer = x % 1000 + 1
        amount = (x >> 8) % 100000 / 100
        qty = (x >> 4) % 17
        note = "NULL" if x % 13 == 0 else f"'note {x % 997} it''s'"
        out.write(f"INSERT INTO orders(customer, amount, qty, note) VALUES({customer}, {amount}, {qty}, {note});\n")
        if i % 10000 == 0 or i == n:
            out.write("COMMIT;\n")
    out.write("CREATE INDEX orders_customer ON orders(customer);\n")
    out.write(".mode list\n")
    out.write("SELECT count(*), sum(qty), round(sum(amount), 2), count(note) FROM orders;\n")
    out.write("SELECT c.city, count(*), round(sum(o.amount), 2), round(avg(o.amount), 4), max(o.note)\n"
              "  FROM orders o JOIN customers c ON c.id = o.customer GROUP BY c.city ORDER BY c.city;\n")
    out.write("SELECT c.name, round(sum(o.amount), 2) AS total FROM customers c JOIN orders o ON o.customer = c.id\n"
              "  GROUP BY c.id ORDER BY total DESC, c.id LIMIT 10;\n")
    out.write("SELECT qty, count(*) FROM orders WHERE customer BETWEEN 100 AND 200 GROUP BY qty ORDER BY qty;\n")
    out.write("SELECT id, customer, amount, note FROM orders WHERE id % 20000 = 7 ORDER BY id;\n")
    out.write("PRAGMA integrity_check;\n")


if __name__ == "__main__":
    main()
