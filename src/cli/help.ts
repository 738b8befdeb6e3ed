export const helpText = `atomic-skills — run Atomic Skills from the command line

Usage:
  atomic-skills review --repo DIR [--base REV [--head REV] | --staged] [--intent TEXT] [--json] [--fail-on-no]
  atomic-skills --help | --version

review     Review a change in the git repository at DIR: all uncommitted changes
           (default), staged changes (--staged), or changes since --base REV
           (to the working tree, or to --head REV). Prints a YES/NO verdict,
           the review and findings anchored to changed lines; --json prints the
           typed result.

Model options (else environment variables, else a local server on 127.0.0.1:
Ollama 11434, LM Studio 1234, vLLM 8000, llama.cpp 8080):
  --base-url URL        OpenAI-compatible endpoint   (ATOMIC_SKILLS_BASE_URL)
  --model NAME          model id at the endpoint     (ATOMIC_SKILLS_MODEL)
  --timeout SECONDS     per-request time limit       (ATOMIC_SKILLS_TIMEOUT_SECONDS)
  --max-tool-turns N    file reads/searches allowed before answering
  API key: ATOMIC_SKILLS_API_KEY or OPENAI_API_KEY.

Exit codes:
  0  done
  1  the check failed: verdict NO with --fail-on-no, or a model reply that could not be read
  2  usage, configuration or environment error (bad flags, no model, endpoint unreachable, not a git repository)
`;
