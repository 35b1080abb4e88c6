#!/bin/bash
# Entry point of the gateway image (and of the local gateway, packages/gateway/src/nginx.ts): makes sure
# there is a certificate, writes what nginx.conf needs from the environment, then runs the command
# (nginx). Certificate: $TLS_DIR/site.crt (the site's own, full chain first) and site.key; when
# neither exists, a self-signed one for $SERVER_NAME is generated once and kept in that folder (a
# volume in compose). docs/install.md says how to replace it.
set -euo pipefail

TLS_DIR=${POC_TLS_DIR:-/etc/nginx/tls}
RUN_DIR=${POC_GATEWAY_RUN_DIR:-/tmp/nginx}
HTTPS_PORT=${HTTPS_PORT:-443}
SELF_SIGNED_DAYS=1095

fail() {
  echo "gateway: $*" >&2
  exit 1
}

[[ $HTTPS_PORT =~ ^[0-9]{1,5}$ ]] && ((HTTPS_PORT >= 1 && HTTPS_PORT <= 65535)) \
  || fail "HTTPS_PORT must be a port number (1-65535), got \"$HTTPS_PORT\""

crt=$TLS_DIR/site.crt
key=$TLS_DIR/site.key

self_signed() {
  local name=${SERVER_NAME:-}
  [[ -n $name ]] || fail "SERVER_NAME is empty: set it in .env to the name or address workstations use for this server"
  # A name of letters, digits, dots and hyphens, or an IPv4 address: nothing that could reach the
  # openssl command line as an option or a second field.
  [[ $name =~ ^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$ ]] \
    || fail "SERVER_NAME \"$name\" is not a host name or an IPv4 address"
  local san="DNS:localhost,IP:127.0.0.1"
  if [[ $name =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    san="IP:$name,$san"
  elif [[ $name != localhost ]]; then
    san="DNS:$name,$san"
  fi
  echo "gateway: no certificate in $TLS_DIR: generating a self-signed one for $name (valid $SELF_SIGNED_DAYS days)" >&2
  (
    umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "$SELF_SIGNED_DAYS" \
      -subj "/O=poc-emr/CN=$name" -addext "subjectAltName=$san" -addext "basicConstraints=critical,CA:FALSE" \
      -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth" \
      -keyout "$key.part" -out "$crt.part" 2>/dev/null
  ) || fail "openssl could not generate a certificate in $TLS_DIR"
  mv "$key.part" "$key"
  mv "$crt.part" "$crt"
}

mkdir -p "$TLS_DIR" "$RUN_DIR"
if [[ ! -e $crt && ! -e $key ]]; then
  self_signed
elif [[ ! -e $crt || ! -e $key ]]; then
  fail "$TLS_DIR must hold both site.crt and site.key (only one is there)"
fi

# The key must be the certificate's: compare their public keys.
cert_pub=$(openssl x509 -in "$crt" -noout -pubkey 2>/dev/null) || fail "$crt is not a PEM certificate"
key_pub=$(openssl pkey -in "$key" -pubout 2>/dev/null) || fail "$key is not a PEM private key (without a passphrase)"
[[ $cert_pub == "$key_pub" ]] || fail "$key is not the key of $crt"
subject=$(openssl x509 -in "$crt" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
issuer=$(openssl x509 -in "$crt" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')
openssl x509 -in "$crt" -noout -checkend 0 >/dev/null || fail "$crt has expired: replace it (docs/install.md)"
openssl x509 -in "$crt" -noout -checkend $((30 * 86400)) >/dev/null \
  || echo "gateway: WARNING: $crt expires within 30 days: replace it (docs/install.md)" >&2
[[ $subject == "$issuer" ]] && echo "gateway: using the self-signed certificate $subject" >&2

if ((HTTPS_PORT == 443)); then suffix=""; else suffix=":$HTTPS_PORT"; fi
printf 'map "" $https_port_suffix {\n  default "%s";\n}\n' "$suffix" >"$RUN_DIR/https-port.conf"

exec "$@"
