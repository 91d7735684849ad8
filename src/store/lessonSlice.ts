import { lessonsFailed, loadedLesson, loadedLessons, loadLessons } from "./lessonLibrary.ts";
import type { Slice } from "./slice.ts";
import type { LessonSlice } from "./types.ts";

/**
 * The open lesson and its step: each step opens its picture, as a preset does. Asked to open a
 * lesson before the lessons have loaded, it loads them and then opens it.
 */
export const createLessonSlice: Slice<LessonSlice> = (set, get) => ({
  lesson: null,
  openLesson(id, step = 0) {
    if (loadedLessons() === null) {
      loadLessons().then(
        () => get().openLesson(id, step),
        (error: unknown) => get().notify(lessonsFailed(error)),
      );
      return;
    }
    const lesson = loadedLesson(id);
    if (!lesson) {
      get().notify(`There is no lesson "${id}".`);
      return;
    }
    const index = Math.min(Math.max(0, Math.trunc(step)), lesson.steps.length - 1);
    get().loadDocument(lesson.steps[index]!.document, { lesson: { id, step: index } });
  },
  nextLessonStep() {
    const position = get().lesson;
    const lesson = position ? loadedLesson(position.id) : undefined;
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
