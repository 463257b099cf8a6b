#!/usr/bin/env bash
# The long crash loop: at least 100 SIGKILLs while awarding and syncing (CI runs a bounded 8).
# Usage: test/crash/run-long.sh [kills]   (CRASH_SEED=<n> to replay a run)
set -euo pipefail
cd "$(dirname "$0")/../.."
export CRASH_KILLS="${1:-${CRASH_KILLS:-100}}"
exec npx vitest run --project integration test/integration/sync/crash.test.ts
