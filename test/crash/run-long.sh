#!/usr/bin/env bash
# The long crash loops: at least 100 SIGKILLs while awarding and syncing (CI runs a bounded 8), then every variant
# with the counter's clock set wrong (libfaketime: -15m, +15m, -2h, +2h) or three counters on one AIQ account, each
# against both sandbox profiles with notes and without, AIQ in chaos, CRASH_VARIANT_KILLS (default 20) kills each.
# Usage: test/crash/run-long.sh [kills]   (CRASH_SEED=<n> to replay a run)
set -euo pipefail
cd "$(dirname "$0")/../.."
export CRASH_KILLS="${1:-${CRASH_KILLS:-100}}"
export CRASH_VARIANTS=all
export CRASH_VARIANT_KILLS="${CRASH_VARIANT_KILLS:-20}"
exec bash scripts/with-keyring.sh npx vitest run --project integration test/integration/sync/crash.test.ts
