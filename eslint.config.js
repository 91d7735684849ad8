import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

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
  {
    // The math core is pure: it runs the same in the browser, a worker and node.
    files: ["src/core/**/*.ts"],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react/*", "react-dom", "react-dom/*"],
              message: "src/core is pure: no React.",
            },
            {
              group: ["three", "three/*", "@react-three/*"],
              message: "src/core is pure: no three.js.",
            },
            { group: ["zustand", "zustand/*"], message: "src/core is pure: no store." },
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
