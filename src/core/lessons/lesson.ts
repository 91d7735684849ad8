/**
 * A guided lesson: a short sequence of steps, each a scenario document (the picture on screen)
 * with two or three sentences of what to notice and what to try. A step is opened like a preset,
 * and every number a step states is checked against the core in tests/core/lessons.test.ts.
 */
import type { ScenarioDocument } from "../scenario/document.ts";

export interface LessonStep {
  title: string;
  /** What to notice and what to try: two or three sentences. */
  text: string;
  document: ScenarioDocument;
}

export interface Lesson {
  /** Stable key, used in links (`?lesson=<id>&step=<n>`). */
  id: string;
  title: string;
  /** One line for the list of lessons. */
  summary: string;
  steps: readonly LessonStep[];
}

/** Where a person is in the lessons: which lesson and which step (0-based; links count from 1). */
export interface LessonPosition {
  id: string;
  step: number;
}

/** The lesson with this id in `lessons`, or undefined (own ids only). */
export function findLesson(lessons: readonly Lesson[], id: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.id === id);
}
