import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDocument } from "../../src/core/scenario/document.ts";
import { CliError } from "../../src/cli/common.ts";
import { linkReader, type LinkReader } from "../../src/cli/scenarioLink.ts";
import { scenarioOption, scenarioSource, type PathKind } from "../../src/cli/scenarioOption.ts";
import { descentInProcess } from "./helpers.ts";

describe("scenarioSource: a file if there is one, else a link", () => {
  const nothing = (): PathKind => null;

  it.each([
    ["https://lab.example/descent/?f=x%5E2&lr=0.1", "?f=x%5E2&lr=0.1"],
    ["HTTP://127.0.0.1:5173/?scenario=saddle#top", "?scenario=saddle"],
    ["https://lab.example/", ""],
    ["?f=x%5E2", "?f=x%5E2"],
    ["f=x%5E2&start=1", "?f=x%5E2&start=1"],
    ["scenario=saddle", "?scenario=saddle"],
  ])("%s is a link with query %j", (argument, search) => {
    expect(scenarioSource(argument, nothing)).toEqual({ kind: "link", search });
  });

  it.each(["lesson.json", "lessons/a=b.json", "lesson", "", "file:///tmp/a.json", "https://"])(
    "%j is a file that is not there",
    (argument) => {
      expect(scenarioSource(argument, nothing).kind).toBe("missing");
    },
  );

  it("an existing file wins, even when its name reads like a query", () => {
    expect(scenarioSource("f=x.json", () => "file")).toEqual({ kind: "file", path: "f=x.json" });
    expect(scenarioSource("?f=x", () => "file")).toEqual({ kind: "file", path: "?f=x" });
  });
});

describe("scenarioOption over a link reader", () => {
  const box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };

  /** A reader that records what it is given and answers with a fixed reading. */
  function reader(f = "x^2 + y^2", messages: string[] = []) {
    const searches: string[] = [];
    const read: LinkReader = (search) => {
      searches.push(search);
      const document = makeDocument(f, box, [{ start: [1, 1], optimizer: "gd" }]);
      return { document, presetId: null, messages, lesson: null };
    };
    return { searches, load: read };
  }

  /** What `action` throws (a test fails if it throws nothing). */
  async function thrown(action: () => unknown): Promise<unknown> {
    try {
      await action();
    } catch (error) {
      return error;
    }
    throw new Error("expected an error");
  }

  it("hands the reader the query and parses the document's function", async () => {
    const fake = reader();
    const { document, surface } = await scenarioOption(
      "run",
      "https://lab.example/?f=x%5E2%2By%5E2&start=1,1",
      fake.load,
    );
    expect(fake.searches).toEqual(["?f=x%5E2%2By%5E2&start=1,1"]);
    expect(document.runs).toHaveLength(1);
    expect(surface.dimension).toBe(2);
    expect(surface.f(1, 2)).toBe(5);
  });

  it("refuses a link with any message, one line per message, exit status 2", async () => {
    const fake = reader("x^2", [
      'Link parameter "lr": "fast" is not a number; using the default learning rate.',
      'Link parameter "box": "1,0" needs four numbers xmin,xmax,ymin,ymax; using the default box.',
    ]);
    const error = await thrown(() => scenarioOption("run", "?lr=fast&box=1,0", fake.load));
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message.split("\n")).toEqual([
      'descent run: --scenario ?lr=fast&box=1,0: Link parameter "lr": "fast" is not a number; using the default learning rate.',
      'descent run: --scenario ?lr=fast&box=1,0: Link parameter "box": "1,0" needs four numbers xmin,xmax,ymin,ymax; using the default box.',
    ]);
  });

  it("shortens a long link in messages", async () => {
    const long = `?d=${"A".repeat(500)}`;
    const error = await thrown(() => scenarioOption("run", long, reader("x^2", ["bad"]).load));
    expect((error as CliError).message).toBe(
      `descent run: --scenario ${long.slice(0, 57)}...: bad`,
    );
  });

  it("points at a function in the link that does not parse", async () => {
    const error = await thrown(() => scenarioOption("run", "?f=x%2B", reader("x +").load));
    expect((error as CliError).message.split("\n")[0]).toMatch(
      /^descent run: --scenario \?f=x%2B: f: /,
    );
  });
});

// These read links with the real codec (src/core/scenario/link.ts) and the real presets.
describe("descent run --scenario <link>", () => {
  const directory = mkdtempSync(join(tmpdir(), "descent-link-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  // The elongated bowl f = x² + 10y² in the readable parameters links have always had.
  const query = "f=x%5E2%2B10*y%5E2&start=-2.5,1.5&optimizer=gd&lr=0.09&box=-3,3,-3,3";

  async function json(argument: string) {
    const { status, stdout, stderr } = await descentInProcess(
      "run",
      "--scenario",
      argument,
      "--json",
    );
    expect(stderr).toBe("");
    expect(status).toBe(0);
    return JSON.parse(stdout) as { runs: { status: string; steps: number; path: number[][] }[] };
  }

  it("a full address, its ?query and the bare query read alike", async () => {
    const fromQuery = await json(`?${query}`);
    expect(await json(`https://lab.example/descent/?${query}`)).toEqual(fromQuery);
    expect(await json(query)).toEqual(fromQuery);
  });

  it("the link's run follows the closed form x_k = -2.5·0.82^k, y_k = 1.5·(-0.8)^k", async () => {
    const [bowl] = (await json(`?${query}`)).runs;
    // |∇f| = hypot(5·0.82^k, 30·0.8^k): 1.02e-6 at k = 79, 8.3e-7 at k = 80.
    expect(bowl!.status).toBe("converged");
    expect(bowl!.steps).toBe(80);
    bowl!.path.forEach(([x, y], k) => {
      expect(x).toBeCloseTo(-2.5 * 0.82 ** k, 12);
      expect(y).toBeCloseTo(1.5 * (-0.8) ** k, 12);
    });
  });

  it("gives the same numbers as a file holding the document the link reads", async () => {
    const read = linkReader;
    const path = join(directory, "from-link.json");
    writeFileSync(path, JSON.stringify(read(`?${query}`).document));
    expect(await json(path)).toEqual(await json(`?${query}`));
  });

  it("a bad parameter exits 2 with the codec's message", async () => {
    const { status, stdout, stderr } = await descentInProcess(
      "run",
      "--scenario",
      "?f=x%5E2&lr=bad",
    );
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^descent run: --scenario \?f=x%5E2&lr=bad: .*lr/);
  });
});
