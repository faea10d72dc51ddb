-- Panel YoY in sqlite3 (window function LAG), the second peer. Run by bench/compare/run.sh as
--   sqlite3 :memory: -cmd ".import --csv --skip 1 PANEL.csv panel" < panel_sqlite.sql
-- after the CREATE TABLE below has given the columns their types (.import into an existing table).
SELECT json_object('rows', count(g), 'growth_sum', printf('%.6f', sum(g)))
FROM (SELECT value / LAG(value) OVER (PARTITION BY jurisdiction, metric ORDER BY year) - 1 AS g FROM panel);
