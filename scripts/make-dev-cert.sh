#!/usr/bin/env bash
# A self-signed certificate and key for trying HTTPS locally (never for production, never committed):
#   scripts/make-dev-cert.sh [DIR]     -> DIR/courtvoice-dev.crt, DIR/courtvoice-dev.key (mode 0600)
# then start the server with tls.certificate / tls.key (or COURTVOICE_TLS_CERTIFICATE / _KEY) set
# to these files. The certificate names localhost and 127.0.0.1 and is valid for 30 days.
set -euo pipefail
dir="${1:-.}"
mkdir -p "$dir"
crt="$dir/courtvoice-dev.crt"
key="$dir/courtvoice-dev.key"
# The key is private from its first byte: created under umask 077.
(umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 \
  -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$key" -out "$crt" 2>/dev/null)
chmod 600 "$key"
chmod 644 "$crt"
echo "certificate: $crt"
echo "key:         $key (mode 600)"
