#!/usr/bin/env bash
# `npm run scripted-model [-- --script FILE.json] [--port N]`: the test suite's scripted model server
# (a real OpenAI-compatible HTTP server on 127.0.0.1 that replays the replies in FILE), for a demo or
# a bug report without a model. Default script: a review of npm start's sample change.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
node esbuild.mjs --tests >/dev/null
args=("$@")
[[ " ${args[*]-} " == *" --script "* ]] || args+=(--script test/fixtures/scripted-model/sample-review.json)
exec node out/test/support/scriptedModelServer.js "${args[@]}"
