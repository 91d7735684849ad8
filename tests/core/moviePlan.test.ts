import { describe, expect, it } from "vitest";
import { MOVIE_MAX_FRAMES, planMovie } from "../../src/core/moviePlan.ts";

describe("planMovie", () => {
  it("at 20 steps/s gives one frame per step at 20 frames/s, then a second of the end", () => {
    const plan = planMovie(58, 20);
    expect(plan.fps).toBe(20);
    expect(plan.steps).toEqual([
      ...Array.from({ length: 59 }, (_, k) => k),
      ...Array.from({ length: 20 }, () => 58),
    ]);
    expect(plan.holdFrames).toBe(20);
    expect(plan.speedUp).toBe(1);
  });

  it("at a slow speed plays one step a frame at that many frames a second", () => {
    const plan = planMovie(3, 5);
    expect(plan.fps).toBe(5);
    expect(plan.steps).toEqual([0, 1, 2, 3, 3, 3, 3, 3, 3]);
    const one = planMovie(2, 1);
    expect(one.fps).toBe(1);
    expect(one.steps).toEqual([0, 1, 2, 2]);
  });

  it("picks a frame rate GIF delays state exactly (hundredths of a second)", () => {
    // 30 steps/s is 1.5 steps a frame at 20 frames/s; 3 steps/s is 2 frames/s (1.5 a frame).
    expect(planMovie(10, 30).fps).toBe(20);
    expect(planMovie(10, 30).steps.slice(0, 5)).toEqual([0, 2, 3, 5, 6]);
    expect(planMovie(10, 3).fps).toBe(2);
    expect(planMovie(10, 7).fps).toBe(5);
    for (const speed of [1, 2, 3, 4, 5, 7, 10, 15, 20, 50, 240]) {
      expect(100 % (100 / planMovie(10, speed).fps), String(speed)).toBe(0);
    }
  });

  it("at 100 steps/s shows every fifth step and still ends on the last one", () => {
    const plan = planMovie(12, 100);
    expect(plan.steps).toEqual([0, 5, 10, 12, ...Array.from({ length: 20 }, () => 12)]);
  });

  it("keeps a long run within the frame limit by playing it faster, and says how much", () => {
    const plan = planMovie(5000, 20);
    expect(plan.steps.length).toBeLessThanOrEqual(MOVIE_MAX_FRAMES);
    expect(plan.steps.length).toBeGreaterThan(MOVIE_MAX_FRAMES - 2);
    expect(plan.steps[plan.steps.length - plan.holdFrames - 1]).toBe(5000);
    expect(plan.steps[plan.steps.length - plan.holdFrames - 2]).toBeLessThan(5000);
    // 5000 steps over 579 frames at 20 frames/s, against the page's 20 steps/s.
    expect(plan.speedUp).toBeCloseTo(5000 / 579, 9);
    // Steps never go back.
    for (let k = 1; k < plan.steps.length; k++) {
      expect(plan.steps[k]).toBeGreaterThanOrEqual(plan.steps[k - 1]!);
    }
  });

  it("with no steps to play is the start held for a second", () => {
    expect(planMovie(0, 20).steps).toEqual(Array.from({ length: 21 }, () => 0));
  });
});
