#!/bin/bash
# The report service's read-only account: it reads the OpenMRS database and makes the temporary tables a
# report run needs, and sees the server's connections and replication channels (the administrator's
# system status); nothing else. Run by the db container on its first start (docker-entrypoint-initdb.d)
# and, on a server installed before the report service or the system status, once by hand (docs/install.md).
set -euo pipefail
mariadb -uroot -p"$MARIADB_ROOT_PASSWORD" <<SQL
CREATE USER IF NOT EXISTS 'reports'@'%' IDENTIFIED BY '${REPORTS_DB_PASSWORD}';
ALTER USER 'reports'@'%' IDENTIFIED BY '${REPORTS_DB_PASSWORD}';
GRANT SELECT, CREATE TEMPORARY TABLES ON \`${MARIADB_DATABASE}\`.* TO 'reports'@'%';
-- the administrator's system status: hybrid mode's connections (PROCESS) and channels (SLAVE MONITOR)
GRANT PROCESS, SLAVE MONITOR ON *.* TO 'reports'@'%';
SQL
