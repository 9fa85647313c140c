#!/usr/bin/env bash
# Writes the emulator's test-only TLS material: a CA (ca.pem, ca-key.pem) and a server
# certificate for 127.0.0.1, ::1 and localhost signed by it (server.pem, server-key.pem). Only the
# test processes trust the CA, through NODE_EXTRA_CA_CERTS; nothing else does. Valid 100 years.
set -euo pipefail
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj "/CN=pulumi-alicloud-ip-pool-service test CA" \
  -keyout ca-key.pem -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 36500 \
  -extfile server.ext -out server.pem 2>/dev/null
rm -f server.csr server.ext ca.srl
echo "wrote ca.pem, ca-key.pem, server.pem, server-key.pem"
