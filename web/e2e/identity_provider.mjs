// The tests' OpenID provider (tests/support/oidc/provider.mjs: oidc-provider, a certified
// implementation, under Node) for the browser and contract tests: started on loopback with
// debrief's callback registered, stopped with the test.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// Follows a sign-in through the provider as a browser would (tests/support/oidc/sign_in_flow.mjs).
export { signInAtProvider } from "../../tests/support/oidc/sign_in_flow.mjs";

const kProviderFolder = join(dirname(fileURLToPath(import.meta.url)), "../../tests/support/oidc");

// Why no provider can run here, or false.
export const providerUnavailable = existsSync(join(kProviderFolder, "node_modules/oidc-provider"))
  ? false
  : "the test identity provider's packages are not installed (make test installs them)";

// A free loopback port: debrief's, chosen before it starts, since the provider must know the
// callback it sends browsers back to.
export async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Starts the provider sending people back to `redirect`, its keys kept in `keysFile`.
export async function startProvider(redirect, keysFile) {
  const child = spawn(process.execPath, [join(kProviderFolder, "provider.mjs"), "--redirect", redirect,
    "--keys", keysFile], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith("LISTENING ")) resolve(Number(line.slice(10)));
    });
    child.on("exit", (code) => reject(new Error(`the identity provider exited with ${code}`)));
  });
  return {
    issuer: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.on("exit", resolve));
    },
  };
}
