#!/bin/sh
# Install the built bundle (dist/auditor/) for the current user, or system-wide with PREFIX=/usr/local (as root).
# Puts the app in $PREFIX/lib/store-camera-privacy-auditor, `auditor` on $PREFIX/bin, and the desktop entry,
# AppStream metainfo, icons and the audit-project MIME type where the desktop finds them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=${BUNDLE:-$root/dist/auditor}
prefix=${PREFIX:-$HOME/.local}
data=$prefix/share
app_id=io.github.storecameraprivacyauditor

[ -x "$bundle/auditor" ] || { echo "install.sh: no bundle at $bundle; run packaging/build.py first" >&2; exit 2; }

mkdir -p "$prefix/lib" "$prefix/bin" "$data/applications" "$data/metainfo" "$data/mime/packages"
rm -rf "$prefix/lib/store-camera-privacy-auditor"
cp -a "$bundle" "$prefix/lib/store-camera-privacy-auditor"
ln -sf "$prefix/lib/store-camera-privacy-auditor/auditor" "$prefix/bin/auditor"

# The desktop entry runs `auditor` from PATH; point it at this install in case $prefix/bin is not on PATH.
sed -e "s|^Exec=auditor |Exec=$prefix/bin/auditor |" -e "s|^TryExec=auditor\$|TryExec=$prefix/bin/auditor|" \
    "$here/auditor.desktop" > "$data/applications/auditor.desktop"
chmod 644 "$data/applications/auditor.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
install -m 644 "$here/$app_id.mime.xml" "$data/mime/packages/$app_id.xml"
for size in 48 128 256; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$root/assets/icons/auditor-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
install -m 644 "$root/assets/icons/auditor.svg" "$data/icons/hicolor/scalable/apps/$app_id.svg"

# Refresh the desktop's caches when the tools are there (they are optional).
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "installed: $prefix/bin/auditor -> $prefix/lib/store-camera-privacy-auditor (make sure $prefix/bin is on PATH)"
