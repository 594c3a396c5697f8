// Follows a sign-in from debrief's authorization URL through the test provider as `person`
// (login_hint: the provider signs them in at once), as a browser would (cookies kept, redirects
// followed), and returns where the provider sends the browser back: the callback URL with its
// code and state.
export async function signInAtProvider(authorizationUrl, person, callbackPrefix) {
  const cookies = new Map();
  let url = new URL(authorizationUrl);
  url.searchParams.set('login_hint', person);
  for (let hops = 0; hops < 20; hops += 1) {
    if (url.href.startsWith(callbackPrefix)) return url;
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
      throw new Error(`the provider stopped at ${url.href}: ${answer.status} ${await answer.text()}`);
    }
    url = new URL(location, url);
  }
  throw new Error('the provider redirected too often');
}
