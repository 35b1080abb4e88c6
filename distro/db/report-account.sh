#!/bin/bash
# The report service's read-only account: it reads the OpenMRS database and makes the temporary tables a
# report run needs, nothing else. Run by the db container on its first start (docker-entrypoint-initdb.d)
# and, on a server installed before the report service, once by hand (docs/install.md).
set -euo pipefail
mariadb -uroot -p"$MARIADB_ROOT_PASSWORD" <<SQL
CREATE USER IF NOT EXISTS 'reports'@'%' IDENTIFIED BY '${REPORTS_DB_PASSWORD}';
ALTER USER 'reports'@'%' IDENTIFIED BY '${REPORTS_DB_PASSWORD}';
GRANT SELECT, CREATE TEMPORARY TABLES ON \`${MARIADB_DATABASE}\`.* TO 'reports'@'%';
SQL
