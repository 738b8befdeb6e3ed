// Secrets planted in the contexts they show up in, for the redaction and leak tests (fresh random values each run).
import { randomBytes } from 'node:crypto';
import { randomToken } from './feedbackFixtures';

/** A fresh AWS secret access key shape: 40 base64 characters, with a `/` and a `+` as real ones often have. */
export function awsSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const body = [...randomBytes(35)].map((b) => alphabet[b % 64]).join('');
  return `${body.slice(0, 12)}/K7${body.slice(12, 24)}+q${body.slice(24)}`;
}

/** Secret values in the contexts they show up in; the value must be gone and the kind named. */
export function plantedCases(): Array<{ text: string; value: string; kind: string }> {
  const t = randomToken;
  const cases = [
    { value: `sk-proj-${t(48)}`, text: (v: string) => `client = OpenAI(api_key="${v}")`, kind: 'openai-key' },
    { value: `sk-${t(48)}`, text: (v: string) => `old key ${v} in prose`, kind: 'openai-key' },
    { value: `sk-ant-api03-${t(60)}`, text: (v: string) => `ANTHROPIC=${v}`, kind: 'anthropic-key' },
    { value: `ghp_${t(36)}`, text: (v: string) => `git clone https://${v}@github.com/o/r`, kind: 'github-token' },
    { value: `gho_${t(36)}`, text: (v: string) => `oauth ${v}`, kind: 'github-token' },
    { value: `ghs_${t(36)}`, text: (v: string) => `installation ${v}.`, kind: 'github-token' },
    { value: `github_pat_${t(22)}_${t(59)}`, text: (v: string) => `pat: ${v}`, kind: 'github-token' },
    { value: `glpat-${t(20)}`, text: (v: string) => `CI uses ${v}`, kind: 'gitlab-token' },
    { value: `xoxb-${t(12)}-${t(12)}-${t(24)}`, text: (v: string) => `slack(${v})`, kind: 'slack-token' },
    { value: `AKIA${t(16).toUpperCase()}`, text: (v: string) => `aws_access_key_id = ${v}`, kind: 'aws-key' },
    { value: `AIza${t(35)}`, text: (v: string) => `maps?key=${v}&x=1`, kind: 'google-key' },
    { value: `sk_live_${t(24)}`, text: (v: string) => `stripe.setKey('${v}')`, kind: 'stripe-key' },
    { value: `rk_live_${t(24)}`, text: (v: string) => `restricted ${v}`, kind: 'stripe-key' },
    { value: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx${t(20)}.${t(43)}`, text: (v: string) => `cookie=${v}`, kind: 'jwt' },
    { value: t(40), text: (v: string) => `curl -H "Authorization: Bearer ${v}" https://api`, kind: 'bearer|authorization' },
    { value: Buffer.from(`admin:${t(12)}`).toString('base64'), text: (v: string) => `Authorization: Basic ${v}`, kind: 'authorization' },
    { value: t(64), text: (v: string) => `-----BEGIN OPENSSH PRIVATE KEY-----\n${v}\n${v.slice(0, 30)}\n-----END OPENSSH PRIVATE KEY-----`, kind: 'private-key' },
    { value: t(64), text: (v: string) => `key.pem:\n-----BEGIN PRIVATE KEY-----\n${v}\n(cut)`, kind: 'private-key' },
    { value: `pw${t(14)}`, text: (v: string) => `DATABASE_URL=postgres://app:${v}@db:5432/app`, kind: 'password|secret' },
    { value: `p@ss${t(10)}`, text: (v: string) => `see redis://default:${v}@cache:6379 for`, kind: 'password' },
    { value: t(30), text: (v: string) => `export GITHUB_TOKEN=${v}`, kind: 'secret' },
    { value: t(20), text: (v: string) => `DB_PASSWORD="${v}"`, kind: 'secret' },
    { value: `hunter${t(4)}`, text: (v: string) => `  password: ${v}`, kind: 'secret' },
    { value: t(32), text: (v: string) => `{"apiKey": "${v}", "model": "x"}`, kind: 'secret' },
    { value: t(32), text: (v: string) => `{\\"client_secret\\":\\"${v}\\"}`, kind: 'secret' },
    { value: t(18), text: (v: string) => `const password = '${v}';`, kind: 'secret' },
    { value: t(18), text: (v: string) => `mysql --password=${v} -u root`, kind: 'secret' },
    { value: t(18), text: (v: string) => `tool --api-key ${v} run`, kind: 'secret' },
    { value: t(18), text: (v: string) => `GET /cb?code=1&access_token=${v}&state=2`, kind: 'secret' },
    { value: t(24), text: (v: string) => `Run it with \`SECRET_KEY=${v}\` set.`, kind: 'secret' },
    { value: t(16), text: (v: string) => `Here is my .env file:\n\nDEBUG=1\nSMTP_HOST=${v}\n`, kind: 'env' },
    { value: t(16), text: (v: string) => `diff --git a/.env.local b/.env.local\n--- a/.env.local\n+++ b/.env.local\n@@ -1 +1 @@\n-REGION=eu\n+REGION=${v}\n`, kind: 'env' },
    { value: t(16), text: (v: string) => '```dotenv\nSENTRY_DSN=' + v + '\n```', kind: 'env' },
    // The forms the skills record: read_file output, search_text matches, the review's numbered diff.
    { value: t(16), text: (v: string) => `.env lines 1-3:\n1: # local\n2: REGION=${v}\n3: DEBUG=1`, kind: 'env' },
    { value: t(18), text: (v: string) => `src/db.js lines 4-5:\n4: const host = 'db';\n5: const password = "${v}";`, kind: 'secret' },
    { value: t(12), text: (v: string) => `config/app.yml lines 1-2:\n1: db:\n2:   password: ${v}`, kind: 'secret' },
    { value: t(16), text: (v: string) => `.env:2: SMTP_HOST=${v}`, kind: 'env' },
    { value: t(16), text: (v: string) => `File: .env\n--- a/.env\n+++ b/.env\n@@ -1,2 +1,2 @@\n    1  DEBUG=1\n    2 +REGION=${v}`, kind: 'env' },
    { value: t(16), text: (v: string) => `File: .env\n--- a/.env\n+++ b/.env\n@@ -1,2 +1,1 @@\n    1  DEBUG=1\n      -REGION=${v}`, kind: 'env' },
    { value: t(16), text: (v: string) => `File: .env\n--- a/.env\n+++ b/.env\n@@ -1,2 +1,2 @@\n    1  REGION=${v}\n    2 +DEBUG=1`, kind: 'env' },
    { value: t(20), text: (v: string) => `File: src/k.js\n--- a/src/k.js\n+++ b/src/k.js\n@@ -1 +1 @@\n    1 +  "apiKey": "${v}",`, kind: 'secret' },
    { value: t(16), text: (v: string) => `.envrc lines 1-2:\n1: export REGION=${v}\n2: export DEBUG=1`, kind: 'env' },
    { value: t(16), text: (v: string) => `diff --git a/.envrc b/.envrc\n--- a/.envrc\n+++ b/.envrc\n@@ -0,0 +1 @@\n+export REGION=${v}`, kind: 'env' },
    // Secrets known by their shape, under names that say nothing.
    { value: awsSecret(), text: (v: string) => `aws_sk = "${v}"`, kind: 'aws-secret' },
    { value: awsSecret(), text: (v: string) => `aws_sk = ${v}`, kind: 'aws-secret' },
    { value: awsSecret(), text: (v: string) => `12: AWS_SK: '${v}'`, kind: 'aws-secret' },
    { value: awsSecret(), text: (v: string) => `aws creds: AKIAEXAMPLE ${v} (old)`, kind: 'aws-secret' },
    { value: t(32), text: (v: string) => `{"x_value": "${v}"}`, kind: 'high-entropy' },
    { value: t(28), text: (v: string) => `    3 +  blob: ${v}`, kind: 'high-entropy' },
  ];
  return cases.map((c) => ({ value: c.value, text: c.text(c.value), kind: c.kind }));
}
