/**
 * The lessons, loaded when first wanted: their nine sequences of pictures and text are not needed
 * for the page's first picture unless the page opens on a lesson's link, so they come as a chunk
 * of their own when the Lessons list opens or a lesson link is read. Once loaded they stay.
 */
import { useSyncExternalStore } from "react";
import { findLesson, type Lesson } from "../core/lessons/lesson.ts";

let library: readonly Lesson[] | null = null;
let loading: Promise<readonly Lesson[]> | null = null;
const listeners = new Set<() => void>();

/** The lessons if they have loaded, else null. */
export function loadedLessons(): readonly Lesson[] | null {
  return library;
}

/** A loaded lesson by id (undefined when there is none, or the lessons have not loaded). */
export function loadedLesson(id: string): Lesson | undefined {
  return library ? findLesson(library, id) : undefined;
}

/** Loads the lessons (once; a failed load is tried again when next asked) and resolves to them. */
export function loadLessons(): Promise<readonly Lesson[]> {
  loading ??= import("../core/lessons/lessons.ts").then(
    (module) => {
      library = module.lessons;
      for (const listener of listeners) listener();
      return library;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** What the page says when the lessons could not be loaded. */
export function lessonsFailed(error: unknown): string {
  return `The lessons could not be loaded (${(error as Error).message}); try again later.`;
}

/** Whether a link's query names a lesson, so it can be read only once they have loaded. */
export function linkNamesLesson(search: string): boolean {
  return new URLSearchParams(search).has("lesson");
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The lessons once loaded (null until then), re-rendering when they arrive. */
export function useLoadedLessons(): readonly Lesson[] | null {
  return useSyncExternalStore(subscribe, loadedLessons, loadedLessons);
}
