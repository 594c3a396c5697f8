// A real OpenID provider for the tests: oidc-provider (a certified implementation) on loopback.
//   node provider.mjs [--port N] [--redirect URL]... [--keys FILE]
// Prints "LISTENING <port>" once it answers. Clients: "debrief" (RS256 ID tokens) and "other"
// (ES256), both with secret "<client id>-secret" and the given redirect URIs. People (login_hint
// names who signs in; the interaction completes at once, as if they had typed a password):
//   ana   ana@example.com, groups debrief-admins and sre
//   ben   ben@example.com, group sre
//   cleo  cleo@example.com, group marketing (maps to no role)
//   dan   dan@elsewhere.example, group sre (a domain not allowed)
// --keys FILE keeps the signing keys in FILE (made when missing), so a restart keeps them; a
// restart with another file is a key rotation.
// Without login_hint (a real browser), the interaction is a page with a button per person.
// GET /__tamper?mode=M makes the token endpoint hand out ID tokens an attacker or a broken
// provider would (until mode is empty): expired, other-audience, other-issuer, wrong-nonce,
// alg-none, unknown-key (signed with a key the provider never published).
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import Provider from 'oidc-provider';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const redirects = args.flatMap((value, at) => (args[at - 1] === '--redirect' ? [value] : []));
if (redirects.length === 0) redirects.push('http://127.0.0.1:8080/auth/oidc/callback');

async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function signingKeys(file) {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const suffix = Math.random().toString(36).slice(2, 8);
  const keys = {
    keys: [
      { ...rsa, kid: `rsa-${suffix}`, use: 'sig', alg: 'RS256' },
      { ...ec, kid: `ec-${suffix}`, use: 'sig', alg: 'ES256' },
    ],
  };
  if (file) writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

const people = {
  ana: { email: 'ana@example.com', name: 'Ana Pereira', groups: ['debrief-admins', 'sre'] },
  ben: { email: 'ben@example.com', name: 'Ben Okafor', groups: ['sre'] },
  cleo: { email: 'cleo@example.com', name: 'Cleo Marsh', groups: ['marketing'] },
  dan: { email: 'dan@elsewhere.example', name: 'Dan Ruiz', groups: ['sre'] },
};

const keys = signingKeys(option('--keys'));

const encoded = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

// The token re-signed as `mode` says, with the provider's own key unless the mode is about keys.
function tampered(token, mode) {
  const [headerPart, payloadPart] = token.split('.');
  const header = JSON.parse(Buffer.from(headerPart, 'base64url'));
  const claims = JSON.parse(Buffer.from(payloadPart, 'base64url'));
  const now = Math.floor(Date.now() / 1000);
  let key = keys.keys.find((each) => each.kid === header.kid);
  if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  else if (mode === 'other-audience') claims.aud = 'other';
  else if (mode === 'other-issuer') claims.iss = 'http://127.0.0.1:1';
  else if (mode === 'wrong-nonce') claims.nonce = 'the-nonce-of-another-sign-in';
  else if (mode === 'alg-none') return `${encoded({ alg: 'none', typ: 'JWT' })}.${encoded(claims)}.`;
  else if (mode === 'unknown-key') {
    key = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) };
    header.kid = 'a-key-never-published';
  } else throw new Error(`no such tamper mode: ${mode}`);
  const input = `${encoded(header)}.${encoded(claims)}`;
  const privateKey = createPrivateKey({ key, format: 'jwk' });
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

const port = Number(option('--port') ?? (await freePort()));
const issuer = `http://127.0.0.1:${port}`;
const client = (id, alg) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  redirect_uris: redirects,
  response_types: ['code'],
  grant_types: ['authorization_code'],
  token_endpoint_auth_method: 'client_secret_basic',
  id_token_signed_response_alg: alg,
});

const provider = new Provider(issuer, {
  clients: [client('debrief', 'RS256'), client('other', 'ES256')],
  jwks: keys,
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  // The ID token carries the claims its scopes ask for, as most providers send them.
  conformIdTokenClaims: false,
  cookies: { keys: ['debrief-tests-only'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const person = people[id];
    if (!person) return undefined;
    return {
      accountId: id,
      claims: async () => ({ sub: id, ...person, email_verified: true }),
    };
  },
});

let tamperMode = '';
provider.use(async (ctx, next) => {
  if (ctx.path === '/__tamper') {
    tamperMode = ctx.query.mode ?? '';
    ctx.body = `tampering: ${tamperMode || 'none'}`;
    return;
  }
  await next();
  if (tamperMode && ctx.path === '/token' && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: tampered(ctx.body.id_token, tamperMode) };
  }
});

const escaped = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Signing in is not what the tests are about: the person login_hint names (or, in a browser,
// whose button is pressed) is signed in and consents at once.
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const login = details.params.login_hint ?? ctx.query.person;
  if (!login) {
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1><p>Sign in as:</p><ul>${Object.entries(people)
      .map(([id, person]) => `<li><a href="/interaction/${escaped(match[1])}?person=${id}">${escaped(person.name)} (${escaped(person.email)})</a></li>`)
      .join('')}</ul></main></body></html>`;
    return undefined;
  }
  if (!people[login]) {
    ctx.status = 400;
    ctx.body = 'no such test person';
    return undefined;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: login, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  const to = await provider.interactionResult(ctx.req, ctx.res, {
    login: { accountId: login },
    consent: { grantId },
  });
  ctx.redirect(to);
  return undefined;
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`LISTENING ${port}`);
});
