import { defineConfig } from "vitest/config";

// Preact through esbuild's automatic JSX runtime: no Babel, no plugin.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  resolve: {
    alias: {
      // The Markdown parser's browser build decodes entities ("&amp;") through innerHTML; the
      // table-based build keeps the promise that nothing in the app sets HTML from a string.
      "decode-named-character-reference": decodeURIComponent(
        new URL("./node_modules/decode-named-character-reference/index.js", import.meta.url)
          .pathname,
      ),
    },
  },
  build: {
    target: "es2020",
    outDir: "dist",
    emptyOutDir: true,
    // One CSS file and one JS bundle: the whole UI is small enough that splitting would only add
    // round trips.
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
  test: { include: ["src/**/*.test.ts"] },
});
