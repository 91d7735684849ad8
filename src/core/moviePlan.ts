/**
 * Which playback step each frame of a recorded movie shows. The movie plays the runs as the page
 * does, at its speed in steps per second, from step 0 to the last step, then holds the end for a
 * second so a looping GIF does not jump back before the outcome can be seen.
 *
 * Frame rates are whole divisors of 100, since a GIF keeps each frame's delay in hundredths of
 * a second (20 frames/s is 5 hundredths exactly; 30 would be 3.33). Slow speeds get one frame per
 * step; faster ones 20 frames a second, some steps falling between frames, as on screen. A movie
 * is at most MOVIE_MAX_FRAMES long: a longer run plays faster than the page plays it, and says so.
 */

/** The frame rates a movie may have, fastest first. */
export const MOVIE_FRAME_RATES = [20, 10, 5, 4, 2, 1] as const;

/** The longest movie: 30 seconds at 20 frames a second. */
export const MOVIE_MAX_FRAMES = 600;

export interface MoviePlan {
  /** Frames per second. */
  fps: number;
  /** The playback step of each frame. */
  steps: number[];
  /** Frames at the end that hold the last step. */
  holdFrames: number;
  /** How much faster than the page's speed the movie plays the steps (1 unless capped). */
  speedUp: number;
}

/**
 * The frames of a movie of `totalSteps` steps played at `speed` steps per second (at least 1).
 */
export function planMovie(totalSteps: number, speed: number): MoviePlan {
  const total = Math.max(0, Math.floor(totalSteps));
  const fps = MOVIE_FRAME_RATES.find((rate) => rate <= speed) ?? 1;
  const holdFrames = fps;
  let perFrame = speed / fps;
  // Frames 0 .. n play the steps (the last one reaching `total`), then the hold.
  const room = MOVIE_MAX_FRAMES - holdFrames - 1;
  if (Math.ceil(total / perFrame) > room) perFrame = total / room;
  const playFrames = Math.ceil(total / perFrame) + 1;
  const steps = Array.from({ length: playFrames }, (_, k) =>
    Math.min(total, Math.round(k * perFrame)),
  );
  for (let k = 0; k < holdFrames; k++) steps.push(total);
  return { fps, steps, holdFrames, speedUp: (perFrame * fps) / speed };
}
