// A client of the HTTP API that keeps every exchange: the four harness users signed in with
// their own sessions (cookie plus CSRF token, as the browser holds them), the admin's API token
// for Bearer calls, and calls without credentials. Each call is addressed by its route pattern
// ("/api/v1/incidents/{key}"), so what was sent and answered can be checked against the OpenAPI
// document route by route.
//
// An exchange: { method, pattern, path (without the query), query, status, contentType, headers
// (the response's, lower-case names), text, json (for JSON and problem+json answers), cookie (the
// session cookie it set, if any), expectError (the call was meant to fail) }. api.exchanges holds
// each with its requestBody; api.onExchange(exchange, requestBody), when set, sees each as it
// comes.

const kSessionCookie = "debrief_session";

// The pattern with each {name} replaced by its parameter; a missing one is a mistake in the
// caller, not something to send.
function fill(pattern, params) {
  return pattern.replace(/\{(\w+)\}/g, (_, name) => {
    if (params[name] === undefined) throw new Error(`${pattern}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
}

function queryString(query) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

function isJson(contentType) {
  return /^application\/(problem\+|scim\+)?json\b/.test(contentType ?? "");
}

// The session cookie's name=value from a response's Set-Cookie headers, if it sets one.
function sessionCookie(response) {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0].trim();
    if (pair.startsWith(`${kSessionCookie}=`)) return pair;
  }
  return undefined;
}

export async function makeApi(server) {
  const sessions = {};

  const api = {
    exchanges: [],
    onExchange: undefined,
    sessions,

    // `as`: a user's name (their session), or null for no credentials. `session` (from signIn)
    // takes the place of `as`; `query` is added to the URL; `raw` is sent as the body as it is.
    async call(method, pattern, params = {}, options = {}) {
      const { body, headers = {}, as = "admin", raw, query = {}, session, expectError = false } = options;
      const caller = session ?? (as === null ? undefined : sessions[as]);
      if (as !== null && !session && !caller) throw new Error(`no session for ${as}`);
      return send(method, pattern, params, { body, headers, raw, query, expectError }, caller);
    },

    // The same call with the admin's API token instead of a session.
    async bearer(method, pattern, params = {}, options = {}) {
      const headers = { ...(options.headers ?? {}), Authorization: `Bearer ${server.token}` };
      return api.call(method, pattern, params, { ...options, headers, as: null });
    },

    // Signs a user in through the API; the session is theirs alone (others keep theirs).
    async signIn(name) {
      const { email, password } = server.users[name];
      const exchange = await api.call("POST", "/api/v1/session", {}, { body: { email, password }, as: null });
      if (exchange.status !== 201) {
        throw new Error(`sign-in of ${name}: ${exchange.status} ${exchange.text}`);
      }
      const cookie = exchange.cookie;
      if (!cookie) throw new Error(`sign-in of ${name}: no ${kSessionCookie} cookie`);
      return { name, cookie, csrf: exchange.json.csrf_token, user: exchange.json.user };
    },
  };

  async function send(method, pattern, params, { body, headers, raw, query, expectError }, caller) {
    const path = fill(pattern, params);
    const requestHeaders = { ...headers };
    let payload;
    let requestBody;
    if (typeof raw === "string") {
      payload = raw;
      requestBody = raw;
      requestHeaders["Content-Type"] ??= "application/json";
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      requestBody = body;
      requestHeaders["Content-Type"] ??= "application/json";
    }
    if (caller) {
      requestHeaders.Cookie = caller.cookie;
      // Writes through a cookie session must echo the session's CSRF token.
      if (method !== "GET" && method !== "HEAD") requestHeaders["X-CSRF-Token"] = caller.csrf;
    }
    const response = await fetch(server.url + path + queryString(query), {
      method, headers: requestHeaders, body: payload, redirect: "manual",
    });
    const text = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    const exchange = {
      method, pattern, path, query, status: response.status, contentType,
      headers: Object.fromEntries(response.headers), text,
      json: isJson(contentType) && text ? JSON.parse(text) : undefined,
      cookie: sessionCookie(response), expectError,
    };
    api.exchanges.push({ ...exchange, requestBody });
    if (api.onExchange) await api.onExchange(exchange, requestBody);
    return exchange;
  }

  for (const name of Object.keys(server.users)) sessions[name] = await api.signIn(name);
  return api;
}
