/**
 * The explorer in headless Chromium (software WebGL through SwiftShader) at 1280x800: frame time
 * while the default scenario's four runs play and while four 10,000-step runs play (in turns, in
 * the same page, so the two can be compared), drag-to-draw latency on the contour map, and frames
 * drawn while idle. Builds the app as the real-browser tests do (the production build
 * plus the page's test hook, `vite build --mode e2e`) and serves it.
 */
import { loadavg } from "node:os";
import type { Page } from "playwright-core";
import type { BenchResult, BenchSuite } from "./types.ts";
import { labHandle, openApp, startAppUnderTest, waitForQuiet } from "../tests/e2e/harness.ts";

const VIEWPORT = { width: 1280, height: 800 };
/** Each scenario plays PLAY_ROUNDS times for PLAY_SECONDS, taking turns with the other. */
const PLAY_SECONDS = 4;
const PLAY_ROUNDS = 2;
const DRAG_MOVES = 40;
const IDLE_SECONDS = 2;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] ?? NaN;
  const b = sorted[upper] ?? NaN;
  return a + (b - a) * (position - lower);
}

function summary(values: number[]): { median: number; p95: number; count: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), count: sorted.length };
}

/**
 * Plays every run of the scenario at the highest speed, restarting at the end, so every
 * animation frame has a new step to draw; records the time between animation frames that
 * drew something.
 */
export async function measurePlayback(page: Page) {
  const lab = await labHandle(page);
  return lab.evaluate(async (hook, seconds) => {
    const store = hook.store;
    const runs = store.getState().runs.length;
    const speed = 240;
    store.getState().setSpeed(speed);
    store.getState().resetPlayback();
    store.getState().play();
    const drawnDeltas: number[] = [];
    const framesAtStart = hook.renderStats.frames;
    const began = performance.now();
    let restarts = 0;
    await new Promise<void>((done) => {
      let lastTime: number | null = null;
      let lastFrames = hook.renderStats.frames;
      const tick = (time: number) => {
        const frames = hook.renderStats.frames;
        if (lastTime !== null && frames !== lastFrames) drawnDeltas.push(time - lastTime);
        lastTime = time;
        lastFrames = frames;
        if (!store.getState().playing) {
          restarts += 1;
          store.getState().resetPlayback();
          store.getState().play();
        }
        if (performance.now() - began < seconds * 1000) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    store.getState().pause();
    const elapsed = performance.now() - began;
    return {
      runs,
      speed,
      restarts,
      drawnDeltas,
      counterPerSecond: ((hook.renderStats.frames - framesAtStart) * 1000) / elapsed,
    };
  }, PLAY_SECONDS);
}

/**
 * Four runs that each take all 10,000 steps on Rosenbrock's valley (none reaches |∇f| ≤ 1e-6
 * within the budget): long paths whose iterates crowd together along the valley floor.
 */
const LONG_RUNS = [
  { start: [-1.2, 1], optimizer: "gd", params: { lr: 0.0015 } },
  { start: [-1.5, 2.5], optimizer: "gd", params: { lr: 0.001 } },
  { start: [1.8, -0.5], optimizer: "momentum", params: { lr: 0.0002, momentum: 0.9 } },
  { start: [-1.9, 2.8], optimizer: "adam", params: { lr: 0.002 } },
] as const;
const LONG_STEPS = 10_000;

/**
 * Compare mode with `variants` learning rates from one start on x² + 2y²: "Compare" makes four,
 * "Add variant" the rest.
 */
async function loadComparison(page: Page, variants: number): Promise<number> {
  const lab = await labHandle(page);
  const count = await lab.evaluate((hook, wanted) => {
    hook.store.getState().loadLink("?f=x%5E2%2B2*y%5E2&start=-2.5,2&optimizer=gd&lr=0.001");
    hook.store.getState().startCompare("lr");
    while ((hook.store.getState().compare?.runIds.length ?? 0) < wanted) {
      if (hook.store.getState().addVariant() === null) break;
    }
    hook.store.getState().resetPlayback();
    return hook.store.getState().compare?.runIds.length ?? 0;
  }, variants);
  await waitForQuiet(page);
  return count;
}

/** Back to the scenario a first visit shows, at step 0. */
async function loadDefaultScenario(page: Page): Promise<void> {
  const lab = await labHandle(page);
  await lab.evaluate((hook) => {
    hook.store.getState().startFresh();
    hook.store.getState().resetPlayback();
  });
  await waitForQuiet(page);
}

/** Replaces the scenario with {@link LONG_RUNS} on Rosenbrock; returns each run's step count. */
async function loadLongRuns(page: Page): Promise<number[]> {
  const lab = await labHandle(page);
  const steps = await lab.evaluate(
    (hook, { runs, maxSteps }) => {
      const state = hook.store.getState();
      state.loadScenario("rosenbrock");
      for (const run of [...hook.store.getState().runs]) hook.store.getState().removeRun(run.id);
      for (const run of runs) {
        hook.store.getState().addRun([...run.start], {
          optimizer: run.optimizer,
          params: { ...run.params },
          maxSteps,
        });
      }
      hook.store.getState().resetPlayback();
      return hook.store.getState().runs.map((run) => run.result.steps);
    },
    { runs: LONG_RUNS, maxSteps: LONG_STEPS },
  );
  await waitForQuiet(page);
  return steps;
}

interface DragSample {
  /** pointermove handled -> run recomputed in the store. */
  storeMs: number;
  /** pointermove handled -> end of the animation frame whose canvases drew the change. */
  drawMs: number;
  /** Animation frames begun after the event up to and including the one that drew. */
  framesUntilDrawn: number;
}

/**
 * Installs the in-page probe that times each drag move: from the pointermove event, through
 * the store change, to the end of the first animation frame in which a canvas drew after it.
 * Counter increments inside the event's own task (a 2D chart redrawn synchronously) do not
 * count as the path being drawn: the WebGL views draw in animation frames.
 */
async function installDragProbe(page: Page): Promise<void> {
  const lab = await labHandle(page);
  await lab.evaluate((hook) => {
    interface Pending {
      eventAt: number;
      eventFrameTime: number;
      storeAt?: number;
      drawFrameTime?: number;
    }
    const probe = {
      pending: null as Pending | null,
      samples: [] as {
        storeMs: number;
        drawMs: number;
        eventFrameTime: number;
        drawFrameTime: number;
      }[],
      frameTimes: [] as number[],
      running: true,
    };
    (window as unknown as { __dragProbe: typeof probe }).__dragProbe = probe;
    // The current animation frame's time: constant within a frame, new in the next one.
    const frameTime = () => Number(document.timeline.currentTime ?? NaN);
    const tick = (time: number) => {
      probe.frameTimes.push(time);
      if (probe.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.addEventListener(
      "pointermove",
      (event) => {
        if (event.buttons === 0) return;
        probe.pending = { eventAt: performance.now(), eventFrameTime: frameTime() };
      },
      { capture: true },
    );
    hook.store.subscribe((state, previous) => {
      const pending = probe.pending;
      if (pending && pending.storeAt === undefined && state.runs !== previous.runs) {
        pending.storeAt = performance.now();
      }
    });
    const onFrameCounted = () => {
      const pending = probe.pending;
      if (!pending || pending.storeAt === undefined || pending.drawFrameTime !== undefined) return;
      const drawFrameTime = frameTime();
      if (!(drawFrameTime > pending.eventFrameTime)) return;
      pending.drawFrameTime = drawFrameTime;
      // Every canvas's frame callback has run (and issued its draw calls) by the next task.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.samples.push({
          storeMs: (pending.storeAt ?? NaN) - pending.eventAt,
          drawMs: performance.now() - pending.eventAt,
          eventFrameTime: pending.eventFrameTime,
          drawFrameTime,
        });
        probe.pending = null;
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    };
    // Observe the counter at the moment a view increments it.
    let frames = hook.renderStats.frames;
    Object.defineProperty(hook.renderStats, "frames", {
      configurable: true,
      enumerable: true,
      get: () => frames,
      set: (value: number) => {
        frames = value;
        onFrameCounted();
      },
    });
  });
}

export async function measureDrag(page: Page): Promise<{ samples: DragSample[]; missed: number }> {
  const lab = await labHandle(page);
  const start = await lab.evaluate((hook) => {
    const run = hook.store.getState().runs[0];
    if (!run) throw new Error("the default scenario has no run");
    const projector = hook.getProjector("contour");
    if (!projector) throw new Error('no "contour" projector registered');
    return projector(run.start[0] ?? 0, run.start[1] ?? 0);
  });
  await installDragProbe(page);
  let missed = 0;
  await page.mouse.move(start.clientX, start.clientY);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_MOVES; i++) {
    // A slow circle of radius 40 px around the grabbed start.
    const angle = (2 * Math.PI * i) / DRAG_MOVES;
    await page.mouse.move(
      start.clientX + 40 * Math.sin(angle),
      start.clientY - 40 * (1 - Math.cos(angle)),
    );
    const drawn = await page
      .waitForFunction(
        () =>
          (window as unknown as { __dragProbe: { pending: unknown } }).__dragProbe.pending === null,
        null,
        { timeout: 3_000 },
      )
      .then(() => true)
      .catch(() => false);
    if (!drawn) {
      // No canvas drew this move in an animation frame: count it as missed, go on.
      missed += 1;
      await page.evaluate(() => {
        (window as unknown as { __dragProbe: { pending: unknown } }).__dragProbe.pending = null;
      });
    }
  }
  await page.mouse.up();
  const samples = await page.evaluate(() => {
    const probe = (
      window as unknown as {
        __dragProbe: {
          running: boolean;
          frameTimes: number[];
          samples: {
            storeMs: number;
            drawMs: number;
            eventFrameTime: number;
            drawFrameTime: number;
          }[];
        };
      }
    ).__dragProbe;
    probe.running = false;
    return probe.samples.map((sample) => ({
      storeMs: sample.storeMs,
      drawMs: sample.drawMs,
      framesUntilDrawn: probe.frameTimes.filter(
        (t) => t > sample.eventFrameTime && t <= sample.drawFrameTime,
      ).length,
    }));
  });
  return { samples, missed };
}

async function measureIdle(page: Page): Promise<number> {
  await waitForQuiet(page);
  const lab = await labHandle(page);
  const before = await lab.evaluate((hook) => hook.renderStats.frames);
  await page.waitForTimeout(IDLE_SECONDS * 1000);
  const after = await lab.evaluate((hook) => hook.renderStats.frames);
  return after - before;
}

const PICTURE_REPEATS = 3;

/**
 * Export PNG of all the views on the page, at 1× and 2×: from the click on "Save PNG" to the
 * download, the median of a few (the first includes loading the picture code, so it is left
 * out of the median and reported apart).
 */
async function measurePictures(page: Page): Promise<BenchResult[]> {
  const panel = page.getByRole("group", { name: "Export PNG" });
  await page.getByRole("button", { name: "Export PNG", exact: true }).click();
  await panel.getByRole("combobox", { name: "View" }).selectOption({ label: "All views" });
  const results: BenchResult[] = [];
  for (const scale of ["1×", "2×"]) {
    await panel.getByRole("radio", { name: new RegExp(`^${scale}`) }).check();
    const times: number[] = [];
    let size = "";
    for (let i = 0; i <= PICTURE_REPEATS; i++) {
      const download = page.waitForEvent("download");
      const started = Date.now();
      await panel.getByRole("button", { name: "Save PNG" }).click();
      await download;
      times.push(Date.now() - started);
      size = (await panel.getByRole("status").textContent())?.match(/\((.*) pixels\)/)?.[1] ?? "";
    }
    const rest = summary(times.slice(1));
    results.push({
      name: `Export PNG, all views at ${scale} (${size}), click to download, median`,
      value: rest.median,
      unit: "ms",
      first: times[0],
    });
  }
  await page.keyboard.press("Escape");
  return results;
}

/** Record of all the views, GIF and WebM: from "Start recording" to the download. */
async function measureRecording(page: Page): Promise<BenchResult[]> {
  const panel = page.getByRole("group", { name: "Record" });
  await page.getByRole("button", { name: "Record", exact: true }).click();
  await panel.getByRole("combobox", { name: "View" }).selectOption({ label: "All views" });
  const results: BenchResult[] = [];
  for (const format of ["GIF animation", "WebM video"]) {
    await panel.getByRole("radio", { name: format }).check();
    const download = page.waitForEvent("download", { timeout: 300_000 });
    const started = Date.now();
    await panel.getByRole("button", { name: "Start recording" }).click();
    await download;
    const ms = Date.now() - started;
    const status = (await panel.getByRole("status").textContent()) ?? "";
    const frames = Number(/\((\d+) frames/.exec(status)?.[1] ?? NaN);
    results.push({
      name: `Record ${format}, all views (${frames} frames), per frame`,
      value: ms / frames,
      unit: "ms",
      total: ms,
    });
  }
  await page.keyboard.press("Escape");
  return results;
}

export const suite: BenchSuite = {
  name: "browser",
  async run(): Promise<BenchResult[]> {
    const app = await startAppUnderTest();
    try {
      const loadStarted = Date.now();
      const { page, errors } = await openApp(app.browser, app.baseURL, "/", VIEWPORT);
      await waitForQuiet(page);
      const firstDrawMs = Date.now() - loadStarted;

      const idleFrames = await measureIdle(page);
      const { samples: drag, missed: dragMissed } = await measureDrag(page);
      const idleAfterDrag = await measureIdle(page);
      await loadDefaultScenario(page);
      const pictures = await measurePictures(page);
      const recordings = await measureRecording(page);

      // The default scenario and the long runs take turns, so load from the rest of the machine
      // weighs on both alike and the ratio of their medians means something.
      const defaultDeltas: number[] = [];
      const longDeltas: number[] = [];
      const defaultCounter: number[] = [];
      const longCounter: number[] = [];
      let defaultRuns = 0;
      let speed = NaN;
      let longSteps: number[] = [];
      for (let round = 0; round < PLAY_ROUNDS; round++) {
        await loadDefaultScenario(page);
        const playback = await measurePlayback(page);
        defaultDeltas.push(...playback.drawnDeltas);
        defaultCounter.push(playback.counterPerSecond);
        defaultRuns = playback.runs;
        speed = playback.speed;
        longSteps = await loadLongRuns(page);
        const longPlayback = await measurePlayback(page);
        longDeltas.push(...longPlayback.drawnDeltas);
        longCounter.push(longPlayback.counterPerSecond);
      }
      // Compare mode: one small contour map per variant, all playing.
      const compareFrames: BenchResult[] = [];
      for (const variants of [4, 9]) {
        const shown = await loadComparison(page, variants);
        const playback = await measurePlayback(page);
        const compared = summary(playback.drawnDeltas);
        compareFrames.push({
          name: `frame time median (${VIEWPORT.width}x${VIEWPORT.height}, compare mode, ${shown} variants playing)`,
          value: compared.median,
          unit: "ms",
          p95: compared.p95,
          frames: compared.count,
          goal: "under 50 ms",
        });
      }
      const frame = summary(defaultDeltas);
      const longFrame = summary(longDeltas);
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      const dragDraw = summary(drag.map((s) => s.drawMs));
      const dragStore = summary(drag.map((s) => s.storeMs));
      const dragFrames = summary(drag.map((s) => s.framesUntilDrawn));
      if (errors.length > 0) process.stderr.write(`browser errors:\n${errors.join("\n")}\n`);

      const where = `${VIEWPORT.width}x${VIEWPORT.height}, ${defaultRuns} runs`;
      return [
        {
          name: "load to idle (first views drawn)",
          value: firstDrawMs,
          unit: "ms",
          // Software WebGL shares the two cores with everything else: say how busy they were.
          loadAverage1m: loadavg()[0] ?? NaN,
        },
        {
          name: `frame time median (${where} playing)`,
          value: frame.median,
          unit: "ms",
          p95: frame.p95,
          frames: frame.count,
          speed,
        },
        {
          name: `frame time p95 (${where} playing)`,
          value: frame.p95,
          unit: "ms",
          counterPerSecond: mean(defaultCounter),
        },
        {
          name: `frame time median (${VIEWPORT.width}x${VIEWPORT.height}, four ${LONG_STEPS}-step runs playing)`,
          value: longFrame.median,
          unit: "ms",
          p95: longFrame.p95,
          frames: longFrame.count,
          runSteps: longSteps.join("/"),
          // The goal: within 1.5 times the default scenario's median, measured in this same run.
          ratioToDefault: longFrame.median / frame.median,
          counterPerSecond: mean(longCounter),
        },
        ...compareFrames,
        {
          name: "drag event to path drawn, median",
          value: dragDraw.median,
          unit: "ms",
          p95: dragDraw.p95,
          storeMedian: dragStore.median,
          moves: dragDraw.count,
          missed: dragMissed,
        },
        {
          name: "drag: animation frames until drawn, median",
          value: dragFrames.median,
          unit: "frames",
          p95: dragFrames.p95,
        },
        {
          name: `frames drawn while idle over ${IDLE_SECONDS} s`,
          value: idleFrames,
          unit: "frames",
          afterDrag: idleAfterDrag,
        },
        ...pictures,
        ...recordings,
      ];
    } finally {
      await app.close();
    }
  },
};
