// Component tests opt into jsdom with a `// @vitest-environment jsdom` docblock;
// core and command-line tests run in plain node, as the core must.
export {};
