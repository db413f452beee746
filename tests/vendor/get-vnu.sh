#!/usr/bin/env bash
# Fetch the Nu Html Checker (vnu.jar, ~30 MB) from the npm registry into tests/vendor/vnu/.
# CI runs this before the tests (tests/test_html_validity.py); it needs npm and a Java 11+
# runtime (`apt-get install default-jre-headless`). Idempotent: keeps a jar of the pinned version.
set -euo pipefail
VERSION=26.9.27
cd "$(dirname "$0")"
target=vnu/vnu.jar
if [[ -f $target && $(cat vnu/VERSION 2>/dev/null) == "$VERSION" ]]; then
  echo "vnu.jar $VERSION already in tests/vendor/vnu"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "vnu-jar@$VERSION" >/dev/null && tar -xzf vnu-jar-*.tgz)
mkdir -p vnu
cp "$work/package/build/dist/vnu.jar" "$target"
echo "$VERSION" > vnu/VERSION
echo "vnu.jar $VERSION fetched into tests/vendor/vnu"
