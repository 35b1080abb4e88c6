#!/bin/bash
# First-start check of the OpenMRS database (the admin-password-check service of docker-compose.yml,
# which the backend waits for): refuses (exit 1) while the "admin" user still has a well-known default
# password, which restored EPTS databases often keep. With "set", gives admin the password in
# OMRS_ADMIN_PASSWORD instead:
#   docker compose run --rm admin-password-check set
# Hashes as OpenMRS 2.x does (Security.hashMatches): users.password is the lower-case hex SHA-512 of
# password + users.salt; rows from OpenMRS 1.x hold SHA-1, some in a hex form that drops leading zeros.
# It also restricts the global properties that hold secrets (secret-global-properties.sql).
# Connection: OMRS_DB_HOST, OMRS_DB_PORT (3306), OMRS_DB_NAME, OMRS_DB_USER, OMRS_DB_PASSWORD.
set -euo pipefail

# The reference application's and the SDK's defaults, OpenMRS 1.x demo data's, and the obvious ones.
KNOWN_DEFAULTS=(Admin123 admin123 Admin@123 admin test Test123 openmrs OpenMRS openmrs123 password Password123 123456 12345678 Admin12345)

fail() {
  echo "admin-password-check: $*" >&2
  exit 1
}

mode=${1:-check}
[[ $# -le 1 && ($mode == check || $mode == set) ]] || fail "usage: check-admin-password.sh [check|set]"
for v in OMRS_DB_HOST OMRS_DB_NAME OMRS_DB_USER OMRS_DB_PASSWORD; do
  [[ -n ${!v:-} ]] || fail "$v is not set"
done
[[ ${OMRS_DB_NAME} =~ ^[A-Za-z0-9_]+$ ]] || fail "OMRS_DB_NAME \"$OMRS_DB_NAME\" is not a database name"

export MYSQL_PWD=$OMRS_DB_PASSWORD
sql() {
  mariadb --host="$OMRS_DB_HOST" --port="${OMRS_DB_PORT:-3306}" --user="$OMRS_DB_USER" --protocol=tcp \
    --batch --skip-column-names --database="$OMRS_DB_NAME" -e "$1"
}

sha() { printf '%s' "$2" | "${1}sum" | cut -d' ' -f1; }
# SHA-1 hex with each byte's leading zero dropped (OpenMRS's old incorrectHexString)
legacy_sha1() { sha sha1 "$1" | sed 's/../&\n/g' | sed 's/^0\(.\)$/\1/' | tr -d '\n'; }

matches() { # stored-hash salt password
  local salted=$3$2
  [[ $1 == "$(sha sha512 "$salted")" || $1 == "$(sha sha1 "$salted")" || $1 == "$(legacy_sha1 "$salted")" ]]
}

SET_COMMAND="put a new password in OMRS_ADMIN_PASSWORD in .env (at least 8 characters, not a known default), then run: docker compose run --rm admin-password-check set"

if [[ $mode == set ]]; then
  new=${OMRS_ADMIN_PASSWORD:-}
  ((${#new} >= 8)) || fail "OMRS_ADMIN_PASSWORD must have at least 8 characters"
  for d in "${KNOWN_DEFAULTS[@]}"; do [[ ${new,,} != "${d,,}" ]] || fail "OMRS_ADMIN_PASSWORD is a known default"; done
  salt=$(head -c 64 /dev/urandom | sha512sum | cut -d' ' -f1)
  hash=$(sha sha512 "$new$salt")
  # salt and hash are hex: nothing of the password reaches the SQL text
  changed=$(sql "UPDATE users SET password = '$hash', salt = '$salt', date_changed = NOW(), changed_by = user_id
    WHERE (system_id = 'admin' OR username = 'admin') AND retired = 0; SELECT ROW_COUNT();")
  ((changed > 0)) || fail "no active user named admin in $OMRS_DB_NAME"
  echo "admin-password-check: the password of admin is now the one in OMRS_ADMIN_PASSWORD"
  exit 0
fi

# A database OpenMRS has not created yet (OMRS_CREATE_TABLES=true): it will create admin with
# OMRS_ADMIN_PASSWORD, checked below.
tables=$(sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'users'")
if ((tables == 0)); then
  new=${OMRS_ADMIN_PASSWORD:-}
  for d in "${KNOWN_DEFAULTS[@]}"; do
    [[ ${new,,} != "${d,,}" ]] || fail "OMRS_ADMIN_PASSWORD is a known default: choose another in .env"
  done
  echo "admin-password-check: no users table yet in $OMRS_DB_NAME: OpenMRS will create admin"
  exit 0
fi

rows=$(sql "SELECT CONCAT_WS(' ', user_id, IFNULL(password, '-'), IFNULL(salt, '')) FROM users
  WHERE (system_id = 'admin' OR username = 'admin') AND retired = 0")
weak=0
while read -r id stored salt; do
  [[ -n ${id:-} && $stored != - ]] || continue
  for d in "${KNOWN_DEFAULTS[@]}"; do
    if matches "$stored" "${salt:-}" "$d"; then
      echo "admin-password-check: user admin (user_id $id) has a known default password." >&2
      weak=1
      break
    fi
  done
done <<<"$rows"
((weak == 0)) || fail "OpenMRS will not start until it is changed: $SET_COMMAND"
echo "admin-password-check: the admin password is not a known default"

# Secret global properties (mail.password…) for administrators only; the statement sits beside this script.
sql "$(cat "$(dirname "$0")/secret-global-properties.sql")"
echo "admin-password-check: secret global properties restricted to Manage Global Properties"
