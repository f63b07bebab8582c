-- The sqlite3 CLI's own features, for dlcall's differential test: output modes, .dump,
-- printf() with SQLite's conversions, the shell's extension functions and virtual tables,
-- parameters, and error messages. Deterministic: no times, no random values, no memory figures.
-- SQL-level conversions of REAL values run in the host library (80-bit long double on x86_64,
-- 128-bit on aarch64) and print alike to 15 digits; the shell renders 17+ digits (quote, insert,
-- json modes, .dump) through the guest's sqlite3_snprintf, as emulated (docs/Sqlite.md).
CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT, city TEXT, score REAL, tag BLOB);
INSERT INTO people VALUES (1, 'Ada', 'London', 91.5, x'cafe'), (2, 'O''Brien', 'Dublin', 77.25, NULL),
  (3, 'Zoë', 'Zürich', NULL, x'00'), (4, 'name "quoted"', 'a,b', 12, x'');
CREATE INDEX people_city ON people(city);
CREATE VIEW good AS SELECT name, score FROM people WHERE score > 50;
.headers on
.mode column
SELECT * FROM people ORDER BY id;
.mode box
SELECT id, name, printf('%q|%Q|%w|%s', name, name, name, city) AS escaped FROM people ORDER BY id;
.mode csv
SELECT * FROM people ORDER BY id;
.mode json
SELECT id, name, score FROM people ORDER BY id;
.mode line
SELECT * FROM people WHERE id = 2;
.mode markdown
SELECT name, quote(tag), hex(tag) FROM people ORDER BY id;
.mode html
SELECT * FROM good;
.mode quote
SELECT * FROM people ORDER BY id;
.mode insert copy
SELECT * FROM people ORDER BY id;
.mode tabs
.nullvalue <null>
SELECT printf('%5.2f|%-6d|%06.1f|%x|%X|%o|%c|%,d|%!.3g|%e|%.3s|%%|%lld', score, id, score, id * 255, id * 4095, id * 8,
  'xyz', id * 1234567, score, score, name, id * 10000000000) FROM people ORDER BY id;
SELECT printf('%*d|%-*s|%.*f', 6, id, 8, name, 2, score) FROM people ORDER BY id;
.nullvalue ''
.mode list
.separator |
SELECT hex(sha3('abc')), hex(sha3('abc', 384)), hex(sha3_query('SELECT name FROM people ORDER BY id'));
SELECT decimal_add('0.1', '0.2'), decimal_mul('1.5', '3'), decimal_sum(score) FROM people;
SELECT value FROM generate_series(1, 20, 7);
SELECT name FROM people ORDER BY name COLLATE uint;
SELECT 'x12' REGEXP 'x[0-9]+', 'y' REGEXP 'x';
SELECT ieee754(2.5), ieee754_mantissa(10.0), ieee754_exponent(10.0);
SELECT candidate FROM completion('peo') ORDER BY candidate;
SELECT count(*), group_concat(name, ';') FROM people WHERE city IN ('London', 'Dublin');
SELECT city, avg(score), total(score) FROM people GROUP BY city ORDER BY city;
SELECT name, rank() OVER (ORDER BY score DESC) FROM people ORDER BY id;
SELECT json_object('id', id, 'name', name) FROM people ORDER BY id LIMIT 2;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x * 2 FROM c WHERE x < 1000) SELECT sum(x) FROM c;
.parameter set @lim 2
.parameter set $who 'Ada'
SELECT name FROM people WHERE id <= @lim OR name = $who ORDER BY id;
.parameter clear
.tables
.indexes
.schema people
.dump people
.print done printing
SELECT * FROM nosuchtable;
INSERT INTO people VALUES (1, 'dup', 'x', 0, NULL);
SELEC 1;
SELECT 1 +;
SELECT abs(-9223372036854775808);
.sha3sum people
SELECT 'end';
