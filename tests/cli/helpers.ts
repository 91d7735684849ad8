import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The real command, as a user runs it: `node bin/descent.mjs ...` in the checkout. */
export function descent(...args: string[]) {
  return descentWith({}, ...args);
}

/** The real command with these environment variables added to the test's own. */
export function descentWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/descent.mjs", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  const stderr = result.stderr
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("npm warn"))
    .join("\n");
  return { status: result.status, stdout: result.stdout, stderr };
}

/**
 * The same entry point in this process, for the many bad-input cases (a process per case would
 * make the suite slow); the cases that matter end to end spawn the real command above.
 */
export async function descentInProcess(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    out: (text) => (stdout += text.endsWith("\n") ? text : text + "\n"),
    err: (text) => (stderr += text.endsWith("\n") ? text : text + "\n"),
  });
  return { status, stdout, stderr: stderr.trimEnd() };
}
