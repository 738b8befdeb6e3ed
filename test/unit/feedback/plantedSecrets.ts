// Secrets planted in the contexts they show up in, for the redaction and leak tests (fresh random values each run).
import { randomToken } from './feedbackFixtures';

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
  ];
  return cases.map((c) => ({ value: c.value, text: c.text(c.value), kind: c.kind }));
}
