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
import { generateKeyPairSync } from 'node:crypto';
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
  jwks: signingKeys(option('--keys')),
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

// Signing in is not what the tests are about: the person login_hint names is signed in and
// consents at once.
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const login = details.params.login_hint;
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
