import { afterEach, describe, expect, it } from "vitest";
import { currentDocument, resetExplorer, useExplorerStore } from "../../src/store/index.ts";
import { getPreset } from "../../src/core/scenario/presets.ts";
import { writeLink } from "../../src/core/scenario/link.ts";
import { setPlayheadStep } from "../../src/store/playhead.ts";
import {
  SESSION_DELAY_MS,
  SESSION_KEY,
  startSession,
  type SessionHost,
} from "../../src/ui/session.ts";

const store = useExplorerStore;

/** A browser stand-in: storage in a Map, an address, and timers the test fires by hand. */
function fakeHost(options: { stored?: string; search?: string; storage?: "ok" | "none" | "full" }) {
  const items = new Map<string, string>();
  if (options.stored !== undefined) items.set(SESSION_KEY, options.stored);
  let search = options.search ?? "";
  let timer: { callback: () => void; ms: number } | null = null;
  let writes = 0;
  const kind = options.storage ?? "ok";
  const host: SessionHost = {
    storage:
      kind === "none"
        ? null
        : {
            getItem: (key) => items.get(key) ?? null,
            setItem: (key, value) => {
              if (kind === "full") throw new Error("the storage quota is full");
              writes += 1;
              items.set(key, value);
            },
          },
    search: () => search,
    replaceSearch: (next) => {
      search = next;
    },
    setTimeout: (callback, ms) => {
      timer = { callback, ms };
      return timer;
    },
    clearTimeout: (handle) => {
      if (handle === timer) timer = null;
    },
  };
  return {
    host,
    items,
    get search() {
      return search;
    },
    get writes() {
      return writes;
    },
    /** Fires the pending debounced write, as the quiet time passing would. */
    settle() {
      const pending = timer;
      timer = null;
      expect(pending?.ms).toBe(SESSION_DELAY_MS);
      pending?.callback();
    },
  };
}

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  resetExplorer();
});

describe("the session", () => {
  it("keeps the picture in storage and the address bar, once typing pauses", () => {
    const fake = fakeHost({});
    stop = startSession(fake.host);
    store.getState().loadScenario("saddle");
    store.getState().setView({ logLoss: true });
    const id = store.getState().runs[0]!.id;
    store.getState().updateRun(id, { optimizer: "adam" });
    // Three changes, one write.
    fake.settle();
    expect(fake.writes).toBe(1);
    const stored = JSON.parse(fake.items.get(SESSION_KEY)!);
    expect(stored).toEqual(currentDocument());
    expect(stored.view.logLoss).toBe(true);
    expect(stored.runs[0].optimizer).toBe("adam");
    expect(fake.search).toBe(writeLink(currentDocument(), null));
  });

  it("keeps the step playback rests at, not each step while it plays", () => {
    const fake = fakeHost({});
    stop = startSession(fake.host);
    store.getState().loadScenario("convex-bowl");
    fake.settle();
    const writesBefore = fake.writes;
    store.getState().play();
    setPlayheadStep(5);
    setPlayheadStep(9);
    // Nothing is pending while playing: settle would find no timer.
    expect(() => fake.settle()).toThrow();
    expect(fake.writes).toBe(writesBefore);
    store.getState().pause();
    fake.settle();
    expect(fake.writes).toBe(writesBefore + 1);
    expect(JSON.parse(fake.items.get(SESSION_KEY)!).playback.step).toBe(9);
  });

  it("restores the stored picture on reload", () => {
    const saved = {
      ...getPreset("himmelblau")!.document,
      view: { showQuiver: false, logLoss: true, addMode: false, floorQuiver: true },
    };
    const fake = fakeHost({ stored: JSON.stringify(saved) });
    stop = startSession(fake.host);
    // Stored before presenter mode, the loss by epoch and the landscape's toggles existed: it
    // opens with all of them off.
    expect(currentDocument()).toEqual({
      ...saved,
      view: {
        ...saved.view,
        presenter: false,
        lossByEpoch: false,
        basinMap: false,
        curvature: false,
        stepVectors: false,
        gradientCheck: false,
      },
    });
    expect(store.getState().notices).toEqual([]);
  });

  it("restores presenter mode with the picture", () => {
    const preset = getPreset("himmelblau")!.document;
    const saved = { ...preset, view: { ...preset.view, presenter: true } };
    const fake = fakeHost({ stored: JSON.stringify(saved) });
    stop = startSession(fake.host);
    expect(currentDocument()).toEqual(saved);
    expect(store.getState().view.presenter).toBe(true);
  });

  it("a link in the address wins over the stored session", () => {
    const fake = fakeHost({
      stored: JSON.stringify(getPreset("himmelblau")!.document),
      search: "?scenario=fence",
    });
    stop = startSession(fake.host);
    expect(store.getState().scenarioId).toBe("fence");
  });

  it.each([
    ["damaged", "{not json", /damaged/],
    ["from another version", JSON.stringify({ version: 99, f: "x" }), /version/],
    ["too large", `"${"x".repeat(600_000)}"`, /too large/],
  ])("storage that is %s opens the page with one message", (_kind, stored, pattern) => {
    const fake = fakeHost({ stored });
    stop = startSession(fake.host);
    const notices = store.getState().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(pattern);
    expect(store.getState().runs.length).toBeGreaterThan(0);
    expect(store.getState().surfaceError).toBeNull();
  });

  it("a full storage is reported once and the picture stays", () => {
    const fake = fakeHost({ storage: "full" });
    stop = startSession(fake.host);
    store.getState().loadScenario("saddle");
    fake.settle();
    const failures = () => store.getState().notices.filter((n) => n.includes("not keeping"));
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toContain("quota");
    store.getState().setView({ logLoss: true });
    fake.settle();
    // Said once: storage is not tried again, and the picture is untouched.
    expect(failures()).toHaveLength(1);
    expect(store.getState().scenarioId).toBe("saddle");
    store.getState().loadScenario("himmelblau");
    fake.settle();
    expect(failures()).toHaveLength(0);
    // The address bar still follows.
    expect(fake.search).toBe("?scenario=himmelblau");
  });

  it("works with no storage at all (private mode)", () => {
    const fake = fakeHost({ storage: "none" });
    stop = startSession(fake.host);
    store.getState().loadScenario("saddle");
    fake.settle();
    expect(fake.search).toBe("?scenario=saddle");
    expect(store.getState().notices).toEqual([]);
  });
});
