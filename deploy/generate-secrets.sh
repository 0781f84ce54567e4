#!/usr/bin/env sh
# Writes the secrets of the docker-compose setup (one file each, read through Compose secrets and the *_FILE
# variables) and, when none is there, a self-signed certificate for a first trial. Existing files are kept, so a
# second run never changes a running installation's secrets. Usage:
#   deploy/generate-secrets.sh [secrets-dir] [certs-dir]
# PORTAL_HOST and API_HOST (default portal.localhost, api.localhost) name the certificate's hosts.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
secrets=${1:-$here/secrets}
certs=${2:-$here/certs}
mkdir -p "$secrets" "$certs"
umask 077

random() { openssl rand -base64 "$1" | tr -d '\n/+=' | cut -c1-"$2"; }
write() { [ -s "$secrets/$1" ] || printf '%s' "$2" >"$secrets/$1"; }

write portal_db_password "$(random 32 40)"
write kong_db_password "$(random 32 40)"
write admin_password "Admin-$(random 32 24)-1a"
write encryption_keys "k1:$(openssl rand -base64 32 | tr -d '\n')"
for account in bridge kong_adapter mailer chatbot; do write "${account}_token" "$(random 48 48)"; done
write database_url "postgres://portal:$(cat "$secrets/portal_db_password")@portal-database:5432/portal"
write service_accounts "bridge:read-write:$(cat "$secrets/bridge_token"),kong-adapter:read-write:$(cat "$secrets/kong_adapter_token"),mailer:read-write:$(cat "$secrets/mailer_token"),chatbot:read-write:$(cat "$secrets/chatbot_token")"

if ! ls "$certs"/*.pem >/dev/null 2>&1; then
  portal_host=${PORTAL_HOST:-portal.localhost}
  api_host=${API_HOST:-api.localhost}
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
    -subj "/CN=$portal_host" -addext "subjectAltName=DNS:$portal_host,DNS:$api_host" \
    -keyout "$certs/self-signed.key" -out "$certs/self-signed.crt" 2>/dev/null
  cat "$certs/self-signed.crt" "$certs/self-signed.key" >"$certs/self-signed.pem"
  rm "$certs/self-signed.key" "$certs/self-signed.crt"
  echo "wrote a self-signed certificate for $portal_host and $api_host to $certs/self-signed.pem (replace it)"
fi
echo "secrets in $secrets"
