#!/usr/bin/env bash
# Makes the WordPress import fixture from a real WordPress (Debian's package):
# wordpress_import/fixtures/wordpress-export.xml (Tools → Export's own file)
# and wordpress_import/fixtures/uploads/ (a copy of wp-content/uploads).
#
# Needs root (apt-get, Debian's /etc/wordpress config) and the MariaDB server
# on 127.0.0.1:3306 with root and an empty password. CI uses the committed
# files and never runs this. The scratch database and config are removed at
# the end; run it again after changing scripts/make_wordpress_fixture.php.
set -euo pipefail
cd "$(dirname "$0")/.."

FIXTURES=wordpress_import/fixtures
DB=evoke_wp_fixture
CONFIG_NAME=evoke-fixture
CONFIG=/etc/wordpress/config-${CONFIG_NAME}.php

missing=""
[ -f /usr/share/wordpress/wp-load.php ] || missing="$missing wordpress"
command -v php >/dev/null || missing="$missing php-cli"
php -m 2>/dev/null | grep -qx mysqli || missing="$missing php-mysql"
php -m 2>/dev/null | grep -qx gd || missing="$missing php-gd"
if [ -n "$missing" ]; then
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

work="$(mktemp -d)"
cleanup() {
  mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS ${DB}" || true
  rm -f "$CONFIG"
  rm -rf "$work"
}
trap cleanup EXIT

mysql -h 127.0.0.1 -u root -e \
  "DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

mkdir -p "$work/wp-content/uploads"
# Debian's wp-config.php reads /etc/wordpress/config-$WORDPRESS_CONFIG.php.
# Throwaway keys: the site lives for the length of this script.
cat >"$CONFIG" <<PHP
<?php
define('DB_NAME', '${DB}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1');
define('WP_HOME', 'https://old.evoke-waltham.example');
define('WP_SITEURL', 'https://old.evoke-waltham.example');
define('WP_CONTENT_DIR', '${work}/wp-content');
define('WP_CONTENT_URL', 'https://old.evoke-waltham.example/wp-content');
define('AUTH_KEY', '$(head -c 32 /dev/urandom | base64)');
define('SECURE_AUTH_KEY', '$(head -c 32 /dev/urandom | base64)');
define('LOGGED_IN_KEY', '$(head -c 32 /dev/urandom | base64)');
define('NONCE_KEY', '$(head -c 32 /dev/urandom | base64)');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
PHP

export WORDPRESS_CONFIG="$CONFIG_NAME"
php scripts/make_wordpress_fixture.php install
php scripts/make_wordpress_fixture.php content "$work/export.xml"

rm -rf "$FIXTURES/uploads"
mkdir -p "$FIXTURES"
cp -r "$work/wp-content/uploads" "$FIXTURES/uploads"
cp "$work/export.xml" "$FIXTURES/wordpress-export.xml"
echo "Wrote $FIXTURES/wordpress-export.xml and $FIXTURES/uploads/"
