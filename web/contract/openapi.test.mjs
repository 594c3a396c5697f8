// The OpenAPI document against the server it describes. The document must be valid OpenAPI 3.1
// (checked by a real validator), equal to docs/openapi.json (from which the UI's types are
// generated), and true: a scenario reaches every route with success, and each request it sends
// and each answer it gets must match the route's documented parameters, body, status and
// schema. A field renamed on the server without the document, or the other way round, fails
// here.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { kBinary, startServer } from "../e2e/harness.mjs";
import { freePort, providerUnavailable, startProvider } from "../e2e/identity_provider.mjs";
import { makeApi } from "./client.mjs";
import { exercise } from "./scenario.mjs";

const kCommitted = join(dirname(fileURLToPath(import.meta.url)), "../../docs/openapi.json");
const kSchemaId = "debrief-openapi";

let server;
let provider;
let folder;
before(async () => {
  // The identity provider provisions users over SCIM with this token.
  const scimToken = "contract-test-provisioning-token-0123456789abcdef";
  if (providerUnavailable) {
    server = await startServer(kBinary, { demo: true, env: { DEBRIEF_SCIM_TOKEN: scimToken } });
    server.scimToken = scimToken;
    return;
  }
  // Signing in through the identity provider is part of the API: the tests' provider runs too.
  folder = mkdtempSync(join(tmpdir(), "debrief-contract-"));
  const port = await freePort();
  const callback = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
  provider = await startProvider(callback, join(folder, "keys.json"));
  server = await startServer(kBinary, {
    demo: true, listen: `127.0.0.1:${port}`,
    env: { DEBRIEF_OIDC_CLIENT_SECRET: "debrief-secret", DEBRIEF_SCIM_TOKEN: scimToken },
    serveArgs: ["--oidc-issuer", provider.issuer, "--oidc-client-id", "debrief",
      "--oidc-scopes", "openid,email,profile,groups", "--oidc-role-map", "sre=member"],
  });
  server.provider = { callback };
  server.scimToken = scimToken;
});
after(async () => {
  await server?.stop();
  await provider?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function served() {
  const response = await fetch(`${server.url}/api/v1/openapi.json`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });
  assert.equal(response.status, 200);
  return response.json();
}

test("the served document is valid OpenAPI 3.1", async () => {
  const document = await served();
  assert.equal(document.openapi, "3.1.0");
  const result = await new Validator().validate(document);
  assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
});

test("docs/openapi.json is the served document (make openapi writes it)", async () => {
  const committed = JSON.parse(readFileSync(kCommitted, "utf8"));
  assert.deepEqual(committed, await served(), "docs/openapi.json is stale: run `make openapi`");
});

// Checks every exchange against the operation the document gives its method and pattern.
function contractChecker(document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("int32", { type: "number", validate: Number.isInteger });
  ajv.addFormat("int64", { type: "number", validate: Number.isInteger });
  ajv.addSchema({ $id: kSchemaId, components: document.components });
  const validators = new Map();
  const validate = (schema, value, what) => {
    const reference = schema.$ref;
    assert.ok(reference?.startsWith("#/components/schemas/"), `${what}: schema is not a component`);
    if (!validators.has(reference)) validators.set(reference, ajv.getSchema(kSchemaId + reference));
    const check = validators.get(reference);
    assert.ok(check, `${what}: ${reference} is not defined`);
    assert.ok(check(value), `${what} does not match ${reference}: ${ajv.errorsText(check.errors)}\n${JSON.stringify(value).slice(0, 2000)}`);
  };

  return (exchange, requestBody) => {
    const what = `${exchange.method} ${exchange.pattern}`;
    const operation = document.paths[exchange.pattern]?.[exchange.method.toLowerCase()];
    assert.ok(operation, `${what} is not in the document`);
    const parameters = (operation.parameters ?? []).map((parameter) => parameter.$ref
      ? document.components.parameters[parameter.$ref.split("/").pop()]
      : parameter);
    const documented = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
    for (const name of Object.keys(exchange.query ?? {})) {
      assert.ok(documented.has(name), `${what}: query parameter ${name} is not documented`);
    }
    if (requestBody !== undefined && typeof requestBody !== "string") {
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      assert.ok(schema, `${what} sent a body the document does not describe`);
      if (!exchange.expectError) validate(schema, requestBody, `${what} request`);
    }
    const status = String(exchange.status);
    if (exchange.status >= 400) {
      // A problem document (SCIM's routes: SCIM's error document).
      const [errorType, error] = Object.entries(operation.responses.default.content)[0];
      assert.ok(exchange.contentType?.startsWith(errorType), `${what} ${status}: not ${errorType}`);
      validate(error.schema, exchange.json, `${what} ${status}`);
      return;
    }
    const answer = operation.responses[status];
    assert.ok(answer, `${what} answered ${status}, which the document does not list`);
    if (!answer.content) {
      assert.equal(exchange.text, "", `${what} ${status}: a body where the document says none`);
      return;
    }
    const mediaType = Object.keys(answer.content).find((type) => exchange.contentType?.startsWith(type.split(";")[0]));
    assert.ok(mediaType, `${what} answered ${exchange.contentType}, not one of ${Object.keys(answer.content)}`);
    const schema = answer.content[mediaType].schema;
    if (schema.$ref) validate(schema, exchange.json, `${what} ${status}`);
  };
}

test("every route answers as documented, and the scenario reaches them all", async () => {
  const document = await served();
  const check = contractChecker(document);
  const api = await makeApi(server);
  // The sign-ins made before the checker was set.
  for (const exchange of api.exchanges) check(exchange, exchange.requestBody);
  api.onExchange = check;
  const { uncovered } = await exercise(api, server);
  // Without the tests' provider (its packages not installed), its routes cannot succeed.
  const unreachable = providerUnavailable ? ["GET /api/v1/auth/oidc/start", "GET /api/v1/auth/oidc/callback"] : [];
  assert.deepEqual(uncovered.filter((route) => !unreachable.includes(route)), [], "routes no call reached with success");
});
