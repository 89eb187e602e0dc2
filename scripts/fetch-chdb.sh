#!/usr/bin/env bash
# Fetches the chDB engine library (libchdb.so, the ClickHouse engine as a shared library) that the
# embedded ClickHouse store loads, verifies it and caches it OUTSIDE the repository. Prints its path.
#
#   scripts/fetch-chdb.sh            # version pinned in the root pom (chdb.version)
#   BROOK_CACHE=/somewhere scripts/fetch-chdb.sh
#
# Idempotent: when the library is already cached it only prints the path. Needs npm (the library ships
# in the npm registry's @chdb/lib-<platform> packages) and ~170 MB download / ~560 MB disk.
# The Maven build runs this before the adapters-clickhouse tests, so `./mvnw verify` needs nothing else.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-}"
if [[ -z "$version" ]]; then
  version="$(sed -n 's:.*<chdb.version>\(.*\)</chdb.version>.*:\1:p' "$repo_root/pom.xml" | head -n 1)"
fi
[[ -n "$version" ]] || { echo "fetch-chdb: no chdb.version in $repo_root/pom.xml and none given" >&2; exit 2; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package="@chdb/lib-linux-x64-gnu"; library="libchdb.so" ;;
  Darwin-arm64) package="@chdb/lib-darwin-arm64"; library="libchdb.so" ;;
  *) echo "fetch-chdb: no chDB package for $(uname -s)-$(uname -m); use the JDBC transport (brook.clickhouse.transport=jdbc)" >&2
     exit 2 ;;
esac

# The npm registry's sha512 integrity of each pinned package: a changed tarball is refused.
case "$package@$version" in
  "@chdb/lib-linux-x64-gnu@26.5.3")
    integrity="sha512-fPrLmRt5Moor9yGz4mazbrNje4t7X9KB2mTGkXFWRxRBs2iKy8yh6jx11xsa0Qr3iDFMU/yHqd+bVdYJXu3QaQ==" ;;
  *) echo "fetch-chdb: no pinned checksum for $package@$version; add its sha512 integrity ('npm view $package@$version dist.integrity') to $0" >&2
     exit 2 ;;
esac

cache_root="${BROOK_CACHE:-$HOME/.cache/brook}"
target_dir="$cache_root/chdb/$version"
target="$target_dir/$library"
if [[ -s "$target" ]]; then
  echo "$target"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-chdb: npm is needed to fetch $package@$version (apt-get install npm)" >&2; exit 2; }
mkdir -p "$target_dir"
work="$(mktemp -d "$target_dir/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "fetch-chdb: fetching $package@$version into $target_dir" >&2
tarball="$(cd "$work" && npm pack --silent "$package@$version" 2>/dev/null | tail -n 1)"
[[ -f "$work/$tarball" ]] || { echo "fetch-chdb: npm pack $package@$version produced no tarball" >&2; exit 1; }

actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0 2>/dev/null || openssl dgst -sha512 -binary "$work/$tarball" | base64)"
if [[ "$actual" != "$integrity" ]]; then
  echo "fetch-chdb: checksum mismatch for $package@$version: expected $integrity, got $actual; refusing it" >&2
  exit 1
fi

tar -xzf "$work/$tarball" -C "$work" "package/$library"
# Moved into place in one step so a concurrent or interrupted run never leaves half a library.
mv -f "$work/package/$library" "$target"
echo "$target"
