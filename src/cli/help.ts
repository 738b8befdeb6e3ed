export const helpText = `atomic-skills — run Atomic Skills from the command line

Usage:
  atomic-skills review --repo DIR [--base REV [--head REV] | --staged] [--intent TEXT] [--json | --markdown] [--fail-on-no]
  atomic-skills index --repo DIR [--json]
  atomic-skills localize --repo DIR --issue FILE|- [--top K] [--retrieval-only] [--json]
  atomic-skills apply --repo DIR --plan FILE|- [--dry-run] [--partial] [--json] [--allow-unsafe-paths]
  atomic-skills edit --repo DIR --instruction TEXT [--files A,B] [--dry-run] [--json]
  atomic-skills test --repo DIR --target FILE[:SYMBOL] [--behaviour TEXT] [--test-file PATH] [--mutants N] [--dry-run] [--yes] [--json]
  atomic-skills reproduce --repo DIR --issue FILE|- [--keep] [--yes] [--json]
  atomic-skills fix --repo DIR --issue FILE|- [--apply] [--out PATCH] [--yes] [--json]
  atomic-skills run --workflow NAME --repo DIR --issue FILE|- [--apply] [--out PATCH] [--yes] [--json]
  atomic-skills mutate --repo DIR --target FILE[:SYMBOL] --tests FILE [--mutants N] [--timeout S] [--no-sandbox] [--json]
  atomic-skills export --format trl-dpo|trl-kto|openai-dpo --out FILE [--skill S] [--since DATE] [--store DIR]
  atomic-skills mcp [--repo DIR] [--http PORT] [--allow-project-tests]
  atomic-skills --help | --version

review     Review a change in the git repository at DIR: all uncommitted changes
           (default), staged changes (--staged), or changes since --base REV
           (to the working tree, or to --head REV). Prints a YES/NO verdict,
           the review and findings anchored to changed lines: styled text at a
           terminal (plain when NO_COLOR is set), plain text into a pipe or
           file, Markdown with --markdown, the typed result with --json.

index      Build or refresh the code index of DIR (tree-sitter definitions,
           references and text terms of every file not ignored by .gitignore),
           kept in ATOMIC_SKILLS_CACHE_DIR (default ~/.cache/atomic-skills).
           Prints files, symbols, bytes and milliseconds; --json as an object.

localize   Rank the files of DIR likely to need a change for the task text in
           FILE (- reads standard input): top K (default 10) with score, reason
           and likely symbols, and the committed set of files to change. The
           model navigates the code index (search text, find symbols, read
           skeletons and lines) before it commits; paths it names that do not
           exist are dropped. --retrieval-only ranks with the index alone (no
           model; the committed set is then the top file). --json prints
           {files, committed, stats}.

apply      Apply an edit plan to the files of DIR. FILE (- reads standard
           input) is a model reply with SEARCH/REPLACE blocks, a unified diff
           or whole new files, or JSON: str_replace/create_file tool calls or
           {"edits": [...]}. Each block must match exactly one place (else a
           whitespace-insensitive match, if unique); a failed block is
           reported with the nearest lines of the file. Edited files must
           still parse (no new tree-sitter errors). All or nothing: if any
           block fails, nothing is written and the exit code is 1. --partial
           writes the blocks that applied (exit code still 1); --dry-run
           writes nothing and prints the diffs; --json prints the result per
           block and file. Paths outside DIR, through symlinks out of it, in
           .git/ or editor settings (.vscode/, *.code-workspace) are refused
           unless --allow-unsafe-paths. Files keep their line endings, BOM,
           encoding, final newline and indentation style.

edit       Ask the model to change the files of DIR as TEXT says. --files
           names the targets (comma-separated, inside DIR); their
           content is shown to the model, which may also read and search the
           folder. Its edits (str_replace/create_file tool calls,
           SEARCH/REPLACE blocks or a unified diff) are checked like apply's:
           each block must match exactly one place and the files must still
           parse; failed blocks go back to the model with the nearest lines,
           up to 2 repair turns. All or nothing: only when every block
           applied are the files written (atomically); otherwise nothing is
           written and the exit code is 1. --dry-run writes nothing and
           prints the diffs; --json prints the result (per-file diff and
           proposed content, per-block outcome, ok, repairTurns, usage).
           Targets must be UTF-8 text up to 1 MiB: binary, non-UTF-8 and
           larger files are refused before the model is asked. A file that
           changed on disk before the write is not written (exit code 1).

test       Ask the model for unit tests of the target (a file, or FILE:SYMBOL
           for a function, method or class) in the project's own framework,
           with an existing test file as the style example. The tests are
           run on the current code; failures go back to the model (up to 2
           fixes); passing tests are run against N mutants (default 12) of
           the target and the mutation score and the surviving mutants
           (gaps) are printed. Only passing tests are written, to a new file
           (--test-file, else beside the project's tests); --dry-run writes
           nothing. Exit 1 when no passing tests came out.

reproduce  Ask the model for a minimal script that shows the bug in the
           issue FILE (- reads standard input), and the command to run it.
           It is run on the current code (and removed afterwards); it must
           fail, and the model judges whether the failure is the one the
           issue describes (up to 3 attempts). Exit 0 when reproduced, 1
           when not. --keep writes the script into DIR when reproduced.

           test and reproduce run model-written code: each command line is
           asked about at a terminal, or allowed for the run with --yes;
           without either they refuse. Runs are sandboxed where bubblewrap
           works (no network, writes only inside DIR).

fix        The bug-fix workflow on the issue in FILE: localize, reproduce
           (the script must fail on the current code), edit, verify (the
           reproduction passes with the edit applied and the existing tests
           of the touched files pass), review (YES). A failed check goes
           back to the step that can fix it, with the failure, a bounded
           number of times. Prints each step's check on standard error and
           the final patch (a unified diff) on standard output, or to --out;
           the repository is not changed unless --apply (written only when
           the workflow succeeded and every touched file still holds the
           bytes the workflow read; otherwise nothing is written, the patch
           is still printed and the exit code is 1). Exit 0 when it
           succeeded, 1 when not.

run        Any workflow by name: fix, refactor, secure, addTests, or one
           defined in DIR/.atomic/workflows/NAME.json (validated against the
           schema shipped in schemas/workflow.schema.json). Same output and
           flags as fix.

mutate     The mutation score of existing tests, without a model: the tests in
           --tests FILE (run with the project's own framework: jest, vitest,
           mocha, node:test, pytest, unittest, go test, cargo test, Maven or
           Gradle) must pass; then up to N (default 30) syntax-tree mutants of
           the target (flipped comparisons and booleans, off-by-one
           boundaries, changed arithmetic and constants, removed statements,
           emptied return values) are written into FILE one at a time and the
           tests run against each. Killed: the tests fail or time out;
           survived: they pass (printed as diffs: what the tests miss). FILE
           is restored byte for byte after each mutant (if you save it
           meanwhile, your version is kept and the original is saved in the
           journal), and a run killed midway is repaired by the next one.
           Each test run has a time limit (--timeout, default 300 s for the
           first run; mutants get 3x its duration + 3 s) and, where
           bubblewrap works, runs with the network off and writes limited to
           DIR (--no-sandbox: a plain process).
           --json prints {total, killed, survived, score, mutants: [...]}.

export     Export recorded preference data (results and your accept/reject,
           votes, survival and check labels) as JSON Lines for training:
             trl-dpo     TRL conversational preference: prompt/chosen/rejected
             trl-kto     TRL unpaired preference: prompt/completion/label
             openai-dpo  OpenAI preference fine-tuning: input.messages,
                         preferred_output, non_preferred_output
           --skill S only records of skill S; --since DATE only records made
           at or after DATE (e.g. 2025-01-31). The file is written whole or
           not at all. --store DIR reads another store (default:
           ATOMIC_SKILLS_FEEDBACK_DIR, else VS Code's global storage of the
           extension, e.g. ~/.config/Code/User/globalStorage/
           atomic-skills.atomic-skills/feedback on Linux).

mcp        Serve every skill and workflow as an MCP tool (review_changes,
           localize_code, edit_code, …, apply_proposal) over standard
           input/output, or with --http PORT over Streamable HTTP on
           127.0.0.1:PORT/mcp with a bearer token (ATOMIC_SKILLS_MCP_TOKEN, else
           a random one printed to stderr). The workspace is DIR, else the
           client's first root, else the current folder. Nothing is written
           without consent: tools that change files return a proposal with its
           diff, and only apply_proposal writes one (refused when a file
           changed since). Commands run only after a yes asked through the
           client (elicitation); a client that cannot ask is refused, except
           the project's own test command with --allow-project-tests.

Model options (else environment variables, else a local server on 127.0.0.1:
Ollama 11434, LM Studio 1234, vLLM 8000, llama.cpp 8080):
  --base-url URL        OpenAI-compatible endpoint   (ATOMIC_SKILLS_BASE_URL)
  --model NAME          model id at the endpoint     (ATOMIC_SKILLS_MODEL)
  --timeout SECONDS     wait per attempt for the model to answer or to send more;
                        empty events do not count (default 60)
                                                     (ATOMIC_SKILLS_TIMEOUT_SECONDS)
  --reply-timeout SECONDS
                        limit of a whole model call, retries included (default 600)
                                                     (ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS)
  --max-tool-turns N    file reads/searches allowed before answering
  API key: ATOMIC_SKILLS_API_KEY or OPENAI_API_KEY.

Preference data: ATOMIC_SKILLS_FEEDBACK_LEVEL=noCode|all records each result
(secrets redacted) into the feedback store (see export); default off.

Paths: every path on the command line (--repo, --issue, --plan, --target,
--tests, --test-file, --files, --out, --store) is relative to the current
folder, as in any other tool; --target, --tests, --test-file and --files name
files of the repository, so they must be inside DIR. Named input files must
exist and be regular files, checked before anything runs.

Exit codes (the same in every command):
  0    done
  1    the check failed: verdict NO with --fail-on-no, an edit or plan with a
       block that did not apply, no passing tests, no reproduction, a failed
       workflow step
  2    usage, configuration or environment error: bad flags, a missing input
       file, no model, not a git repository, no feedback store, and every
       failure of the model endpoint (unreachable, refused key, HTTP error, cut
       stream, a reply that could not be read even after one repair request)
  130  cancelled, or declined at the prompt
`;
