/**
 * Lessons: "Lessons" opens the list of guided lessons; the open lesson is a band under the header
 * (the region "Lesson") with its title, where it is ("Step 2 of 5"), what to notice and try, and
 * Back and Next, which Page Up and Page Down (what presentation clickers send) also press. Each
 * step opens its own picture, and the address bar holds that step's link.
 */
import { useEffect, useRef, useState } from "react";
import { useExplorerStore } from "../store/index.ts";
import {
  lessonsFailed,
  loadedLesson,
  loadLessons,
  useLoadedLessons,
} from "../store/lessonLibrary.ts";
import { usePopover } from "./usePopover.ts";

/** "Lessons": a button and the list it opens; choosing one opens its first step. */
export function LessonsButton() {
  const { open, close, toggleProps, panelProps } = usePopover();
  const openLesson = useExplorerStore((s) => s.openLesson);
  const current = useExplorerStore((s) => s.lesson?.id ?? null);
  const list = useRef<HTMLOListElement>(null);
  // The lessons load when the list first opens (a moment, once).
  const lessons = useLoadedLessons();
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    loadLessons().catch((error: unknown) => setFailed(lessonsFailed(error)));
  }, [open]);
  useEffect(() => {
    if (open) list.current?.querySelector("button")?.focus();
  }, [open, lessons]);
  return (
    <div className="lessons-button">
      <button {...toggleProps}>Lessons</button>
      {open && (
        <div {...panelProps} className="lessons-panel" aria-label="Lessons">
          {lessons === null && (
            <p className="lessons-loading" role="status">
              {failed ?? "Loading the lessons…"}
            </p>
          )}
          <ol ref={list} className="lessons-list">
            {(lessons ?? []).map((lesson, index) => (
              <li key={lesson.id}>
                <button
                  type="button"
                  className="lessons-choice"
                  aria-current={lesson.id === current ? "true" : undefined}
                  onClick={() => {
                    openLesson(lesson.id);
                    close();
                  }}
                >
                  <span className="lessons-choice-title">
                    {index + 1}. {lesson.title}
                  </span>
                  <span className="lessons-choice-summary">{lesson.summary}</span>
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="lessons-close" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

/** The open lesson's step: where it is, what to notice, Back, Next and Close lesson. */
export function LessonPanel() {
  const position = useExplorerStore((s) => s.lesson);
  const next = useExplorerStore((s) => s.nextLessonStep);
  const back = useExplorerStore((s) => s.previousLessonStep);
  const closeLesson = useExplorerStore((s) => s.closeLesson);
  const lessons = useLoadedLessons();
  const lesson = position ? loadedLesson(position.id) : undefined;
  const step = lesson && position ? lesson.steps[position.step] : undefined;
  if (!lessons || !lesson || !position || !step) return null;
  const number = lessons.indexOf(lesson) + 1;
  const count = lesson.steps.length;
  return (
    <section role="region" aria-label="Lesson" className="lesson">
      <div className="lesson-text" aria-live="polite">
        <h2 className="lesson-title">
          <span className="lesson-name">
            Lesson {number}: {lesson.title}
          </span>{" "}
          <span className="lesson-position">
            Step {position.step + 1} of {count}
          </span>
        </h2>
        <p className="lesson-step">
          <b>{step.title}.</b> {step.text}
        </p>
      </div>
      <div className="lesson-nav">
        <button type="button" onClick={back} disabled={position.step === 0} title="Page Up">
          Back
        </button>
        <button
          type="button"
          onClick={next}
          disabled={position.step + 1 >= count}
          title="Page Down"
        >
          Next
        </button>
        <button
          type="button"
          className="lesson-close"
          aria-label="Close lesson"
          title="Close lesson"
          onClick={closeLesson}
        >
          ×
        </button>
      </div>
    </section>
  );
}
