import { getLesson } from "../core/lessons/lessons.ts";
import type { Slice } from "./slice.ts";
import type { LessonSlice } from "./types.ts";

/** The open lesson and its step: each step opens its picture, as a preset does. */
export const createLessonSlice: Slice<LessonSlice> = (set, get) => ({
  lesson: null,
  openLesson(id, step = 0) {
    const lesson = getLesson(id);
    if (!lesson) {
      get().notify(`There is no lesson "${id}".`);
      return;
    }
    const index = Math.min(Math.max(0, Math.trunc(step)), lesson.steps.length - 1);
    get().loadDocument(lesson.steps[index]!.document, { lesson: { id, step: index } });
  },
  nextLessonStep() {
    const position = get().lesson;
    const lesson = position ? getLesson(position.id) : undefined;
    if (!position || !lesson || position.step + 1 >= lesson.steps.length) return;
    get().openLesson(position.id, position.step + 1);
  },
  previousLessonStep() {
    const position = get().lesson;
    if (!position || position.step === 0) return;
    get().openLesson(position.id, position.step - 1);
  },
  closeLesson() {
    set({ lesson: null });
  },
});
