import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/** An import pattern for a layer folder, reached by any relative path. */
const layer = (name) => [`**/${name}`, `**/${name}/**`];

/**
 * Data flows one way, core -> store -> views and ui, and the command line stands on core alone.
 * Each outer layer gets a block forbidding the layers it must not reach.
 */
function layerBoundary(files, rules) {
  return {
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: rules.map(([group, message]) => ({ group, message })) },
      ],
    },
  };
}

const noReact = ["react", "react/*", "react-dom", "react-dom/*"];
const noThree = ["three", "three/*", "@react-three/*"];
const noZustand = ["zustand", "zustand/*"];

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-artifacts", "bench/results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // react-hooks' recommended rules (the compiler-based ones included), every one an error:
    // a warning that passes the build is a finding nobody fixes.
    files: ["src/**/*.{ts,tsx}"],
    plugins: reactHooks.configs.flat.recommended.plugins,
    rules: Object.fromEntries(
      Object.keys(reactHooks.configs.flat.recommended.rules).map((rule) => [rule, "error"]),
    ),
  },
  layerBoundary(
    ["src/store/**/*.{ts,tsx}"],
    [
      [layer("views"), "src/store holds state over core: it must not import views."],
      [layer("ui"), "src/store holds state over core: it must not import ui."],
      [layer("cli"), "src/store runs in the browser: it must not import the command line."],
    ],
  ),
  layerBoundary(
    ["src/views/**/*.{ts,tsx}"],
    [
      [layer("ui"), "src/views draw from the store and core: they must not import ui."],
      [layer("cli"), "src/views run in the browser: they must not import the command line."],
    ],
  ),
  layerBoundary(
    ["src/ui/**/*.{ts,tsx}"],
    [[layer("cli"), "src/ui runs in the browser: it must not import the command line."]],
  ),
  layerBoundary(
    ["src/workers/**/*.ts"],
    [
      [
        [...layer("store"), ...layer("views"), ...layer("ui"), ...layer("cli")],
        "src/workers run long jobs over core alone: they must not import the store, views, ui or cli.",
      ],
      [
        [...noReact, ...noThree, ...noZustand],
        "src/workers have no page: no React, three.js or store.",
      ],
    ],
  ),
  layerBoundary(
    ["src/cli/**/*.ts"],
    [
      [
        [...layer("store"), ...layer("views"), ...layer("ui")],
        "src/cli stands on core alone: it must not import the store, views or ui.",
      ],
      [[...noReact, ...noThree, ...noZustand], "src/cli is headless: no React, three.js or store."],
    ],
  ),
  {
    // The math core is pure: it runs the same in the browser, a worker and node.
    files: ["src/core/**/*.ts"],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: noReact, message: "src/core is pure: no React." },
            { group: noThree, message: "src/core is pure: no three.js." },
            { group: noZustand, message: "src/core is pure: no store." },
            {
              group: ["**/store/**", "**/views/**", "**/ui/**", "**/cli/**"],
              message: "src/core must not import from outer layers.",
            },
            {
              group: ["node:*", "fs", "path", "child_process", "os"],
              message: "src/core must run in the browser too.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        "window",
        "document",
        "navigator",
        "localStorage",
        "HTMLElement",
        "requestAnimationFrame",
      ],
    },
  },
);
