#!/usr/bin/env node
// Runs the TypeScript command line directly, so a checkout needs no build step.
import { register } from "tsx/esm/api";

// A reader that closes the pipe early (`descent run ... --csv | head -2`) has all it wanted: end
// quietly with status 0, as Unix tools do, instead of printing a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
