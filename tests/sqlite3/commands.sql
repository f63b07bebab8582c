-- Shell commands over files and the library's special interfaces, for dlcall's differential test:
-- .import, .backup/.restore, .recover (sqlite3_file_control), .expert, .output, .eqp, .changes,
-- .dbinfo, .testctrl (sqlite3_test_control), .limit, .show. Runs in a directory with in.csv.
.import --csv in.csv fruit
SELECT * FROM fruit;
.mode list
.backup main saved.db
DELETE FROM fruit;
.restore main saved.db
SELECT count(*) FROM fruit;
.recover
CREATE INDEX fruit_name ON fruit(name);
.expert
SELECT * FROM fruit WHERE qty > 2 ORDER BY name;
.output out.txt
SELECT name FROM fruit;
.output stdout
.print after output
.eqp on
SELECT * FROM fruit WHERE name = 'plum';
.eqp off
.changes on
UPDATE fruit SET qty = 1 WHERE qty = '';
.changes off
.dbinfo
.testctrl prng_seed 42
SELECT hex(randomblob(4));
.imposter
.limit length
.show
