#!/usr/bin/env bash
# The desktop packages, in target/package/: a .deb (cargo-deb: the binary, the menu entry and the
# icon; `sudo apt install ./caselens_*.deb`) and a .tar.gz of the binary with the assets for other
# Linux systems (unpack, run ./caselens, or ./install.sh for the menu entry).
# Needs: cargo install cargo-deb. PACKAGE_PROFILE picks the Cargo profile (default release; CI
# may build a cheaper one to check the installation, never to publish; PACKAGE_FAST=1 compresses
# faster).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${PACKAGE_PROFILE:-release}
out=target/package
command -v cargo-deb >/dev/null || { echo "package.sh: cargo-deb is needed: cargo install cargo-deb --locked" >&2; exit 1; }
# PACKAGE_BUILD=0 packages the binary already built (CI: the one `cargo test` made, whose
# features a plain build would not share, so it would rebuild egui).
[ "${PACKAGE_BUILD:-1}" = 0 ] || cargo build --locked --profile "$profile" --bin caselens
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
bin="target/$dir/caselens"
mkdir -p "$out"
rm -f "$out"/caselens_*.deb "$out"/caselens-*.tar.gz
# cargo-deb maps Cargo.toml's target/release/ asset paths to the profile's folder.
# PACKAGE_FAST=1: quicker compression, a larger file (CI checks the installation only).
cargo deb --no-build --profile "$profile" ${PACKAGE_FAST:+--fast} --output "$out/" >/dev/null

version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
name="caselens-$version-$(uname -m)-linux"
stage=$(mktemp -d)
mkdir -p "$stage/$name"
cp "$bin" "$stage/$name/caselens"
# As the .deb does: no debug symbols (a fifth of the size).
if command -v strip >/dev/null; then strip "$stage/$name/caselens"; fi
cp assets/caselens.desktop assets/icon.png README.md "$stage/$name/"
cat > "$stage/$name/install.sh" <<'INSTALL'
#!/bin/sh
# Puts Caselens in ~/.local (binary, menu entry, icon) for this user.
set -e
cd "$(dirname "$0")"
install -Dm755 caselens "$HOME/.local/bin/caselens"
install -Dm644 caselens.desktop "$HOME/.local/share/applications/caselens.desktop"
install -Dm644 icon.png "$HOME/.local/share/icons/hicolor/256x256/apps/caselens.png"
echo "Caselens installed in ~/.local/bin (make sure it is on your PATH)."
INSTALL
chmod +x "$stage/$name/install.sh"
tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
rm -rf "$stage"
ls -l "$out"/caselens_*.deb "$out/$name.tar.gz"
echo "package.sh: packages in $out/"
