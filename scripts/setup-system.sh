#!/usr/bin/env bash
# Installs the Debian packages cimflow's tests and tools need, when they are missing.
# Used by `npm test` and `npm start` (and so by .ci/run); safe to run again: it does nothing
# when everything is present.
#
#   bash scripts/setup-system.sh          # what the test suite needs
#   bash scripts/setup-system.sh runtime  # what `npm start` needs
set -euo pipefail

profile="${1:-test}"

# command -> Debian package
declare -A test_packages=(
  [cs2cs]=proj-bin            # PROJ: independent reference for the CRS tests
  [osgconv]=openscenegraph    # OpenSceneGraph: independent oracle for the OSGB reader and writer
  [gdalinfo]=gdal-bin         # GDAL: independent reader of the generated rasters and shapefiles
  [chromium]=chromium         # headless browser for the viewer tests (SwiftShader WebGL)
  [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]=fonts-noto-cjk  # Chinese UI text in the browser
  [mosquitto]=mosquitto       # external MQTT broker for the scale-out tests
  [/usr/lib/postgresql/15/bin/initdb]=postgresql  # PostgreSQL server for the scale-out tests
)
declare -A runtime_packages=()

declare -n wanted="${profile}_packages"
missing=()
for cmd in "${!wanted[@]}"; do
  if [[ "$cmd" == /* ]]; then [ -x "$cmd" ] || missing+=("${wanted[$cmd]}")
  else command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}"); fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup-system: missing Debian packages: ${missing[*]} (run as root or install them: apt-get install ${missing[*]})" >&2
  exit 1
fi

echo "setup-system: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: done" >&2
