// Follows a sign-in from debrief's authorization URL through the test provider, as a browser
// would (cookies kept, redirects followed), and prints where the provider sends the browser
// back: the redirect URI with its code and state.
//   node sign_in.mjs <authorization URL> <person> <redirect URI prefix>
const [start, person, back] = process.argv.slice(2);
const cookies = new Map();
let url = new URL(start);
url.searchParams.set('login_hint', person);
for (let hops = 0; hops < 20; hops += 1) {
  if (url.href.startsWith(back)) {
    console.log(url.href);
    process.exit(0);
  }
  const answer = await fetch(url, {
    redirect: 'manual',
    headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
  });
  for (const line of answer.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const location = answer.headers.get('location');
  if (!location) {
    console.error(`stopped at ${url.href}: ${answer.status} ${await answer.text()}`);
    process.exit(1);
  }
  url = new URL(location, url);
}
console.error('too many redirects');
process.exit(1);
