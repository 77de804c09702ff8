#!/usr/bin/env bash
# Vendors the bpmn-js navigated viewer into the web console's static assets (ADR-0024): the minified viewer, its two
# style sheets and the licence, exactly as published in the npm package, with their SHA-256 in SOURCE.txt
# (VendoredAssetsTest checks them, so an edited file, e.g. one without the bpmn.io watermark, fails the build).
# Needs npm and the npm registry; the application itself needs neither (no Node at run time, no CDN).
# Usage: workers/scripts/vendor-bpmn-js.sh [VERSION [SHA512-INTEGRITY]]
set -euo pipefail

VERSION="${1:-18.31.1}"
# the integrity the npm registry publishes for bpmn-js@18.31.1 (npm view bpmn-js@VERSION dist.integrity)
INTEGRITY="${2:-sha512-Hc7LzrgwfcBRUAdI/380Q2v1MJ115atGEVGadawLfDbHdo+r+IkmNj8fuYPFmWglUYt1KYIaC46OeX16HGTKQw==}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/src/main/resources/console/assets/vendor/bpmn-js"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack --silent "bpmn-js@$VERSION" >/dev/null
TARBALL="bpmn-js-$VERSION.tgz"
ACTUAL="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
if [ "$ACTUAL" != "$INTEGRITY" ]; then
  echo "vendor-bpmn-js: $TARBALL has integrity $ACTUAL, expected $INTEGRITY" >&2
  exit 1
fi
tar xzf "$TARBALL"

rm -rf "$TARGET"
mkdir -p "$TARGET"
cp package/LICENSE "$TARGET/LICENSE"
cp package/dist/bpmn-navigated-viewer.production.min.js "$TARGET/"
cp package/dist/assets/bpmn-js.css package/dist/assets/diagram-js.css "$TARGET/"
{
  echo "package=bpmn-js"
  echo "version=$VERSION"
  echo "tarball=https://registry.npmjs.org/bpmn-js/-/bpmn-js-$VERSION.tgz"
  echo "integrity=$INTEGRITY"
  echo "licence=bpmn.io License (MIT with the condition that the bpmn.io watermark stays visible), see LICENSE"
  (cd "$TARGET" && for f in LICENSE bpmn-navigated-viewer.production.min.js bpmn-js.css diagram-js.css; do
     echo "sha256.$f=$(sha256sum "$f" | cut -d' ' -f1)"
   done)
} > "$TARGET/SOURCE.txt"
echo "vendor-bpmn-js: bpmn-js $VERSION vendored into $TARGET"
