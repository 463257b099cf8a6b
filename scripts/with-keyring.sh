#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a real, unlocked, throwaway gnome-keyring (Secret Service),
# so keytar talks to an actual keychain in tests. Usage: scripts/with-keyring.sh <command> [args...]
# HOME is left alone on purpose: npm needs ~/.npmrc (its nodedir) to find Node's headers.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: $tool is not installed (apt-get install dbus gnome-keyring libsecret-1-dev)" >&2
    exit 127
  fi
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/aiqc-keyring.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/runtime"
chmod 700 "$scratch/runtime"
export XDG_DATA_HOME="$scratch/data"
export XDG_RUNTIME_DIR="$scratch/runtime"
# Tests read this to know a keyring was started for them (and fail, not skip, when it is missing).
export AIQC_TEST_KEYRING=1

set +e
# "$@" is handed to the inner bash as its positional parameters ($0 = with-keyring), so arguments keep their quoting.
dbus-run-session -- bash -c '
  echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
    echo "with-keyring: gnome-keyring-daemon did not start" >&2
    exit 70
  }
  exec "$@"
' with-keyring "$@"
status=$?
set -e
exit "$status"
