import type { ScenarioDocument } from "../core/scenario/document.ts";
import { readLink } from "../core/scenario/link.ts";
import { withDataLayout } from "../core/scenario/dataLayout.ts";
import { dataReady, loadDataFor, loadedSources } from "./dataFiles.ts";
import { DEFAULT_PRESET_ID, getPreset, presets } from "../core/scenario/presets.ts";
import type { Lesson } from "../core/lessons/lesson.ts";
import { lessonsFailed, linkNamesLesson, loadedLessons, loadLessons } from "./lessonLibrary.ts";
import { openDocument, type OpenedDocument } from "./open.ts";
import { resetPlayhead, setPlayheadStep } from "./playhead.ts";
import { totalSteps } from "./runEntries.ts";
import type { Slice } from "./slice.ts";
import type { DocumentSlice, ExplorerState, LoadOptions } from "./types.ts";

/** The store fields an opened document sets (everything but the step, which is the playhead's). */
function fieldsOf(opened: OpenedDocument): Partial<ExplorerState> {
  const { step: _step, notice: _notice, ...fields } = opened;
  return fields;
}

/** Presets, links, files and the session: the ways a whole picture arrives. */
export const createDocumentSlice =
  (initialPresetId: string | null): Slice<DocumentSlice> =>
  (set, get) => {
    const load = (document: ScenarioDocument, options: LoadOptions = {}): void => {
      // A data scenario waits for its file (the cars), then opens; a file that cannot be had
      // leaves the data out, with the reason.
      if (!dataReady(document.data)) {
        loadDataFor(document.data!).then(
          () => load(document, options),
          (error: unknown) => {
            const { data: _data, ...typed } = document;
            const reason = `The ${document.data!.source} data could not be loaded (${(error as Error).message}); showing the typed function instead.`;
            load(typed, { ...options, notices: [...(options.notices ?? []), reason] });
          },
        );
        return;
      }
      const opened = openDocument(document, get().runSerial, get().surface);
      // Presenter mode is how the room sees the page, not part of the picture being opened: a
      // preset or a file opened while presenting is presented too. A link says for itself.
      if (options.keepPresenter === true && get().view.presenter) {
        opened.view = { ...opened.view, presenter: true };
      }
      set({
        ...fieldsOf(opened),
        cameraVersion: get().cameraVersion + 1,
        scenarioId: options.scenarioId ?? null,
        lesson: options.lesson ?? null,
        compareNote: null,
        playing: false,
        notices: [...(options.notices ?? []), ...(opened.notice === null ? [] : [opened.notice])],
      });
      resetPlayhead();
      setPlayheadStep(Math.min(opened.step, totalSteps(opened)));
    };
    return {
      scenarioId: initialPresetId,
      notices: [],
      loadScenario(id) {
        const preset = getPreset(id);
        if (!preset) {
          set({ notices: [`There is no scenario "${id}".`] });
          return;
        }
        load(preset.document, { scenarioId: id, keepPresenter: true });
      },
      loadLink(search) {
        const read = (lessons: readonly Lesson[], notices: string[] = []) => {
          const reading = readLink(search, {
            presets,
            defaultPresetId: DEFAULT_PRESET_ID,
            lessons,
          });
          const { presetId, messages, lesson, dataLayout: keep } = reading;
          const open = () => {
            const document = keep
              ? withDataLayout(reading.document, keep, loadedSources())
              : reading.document;
            load(document, { scenarioId: presetId, notices: [...notices, ...messages], lesson });
          };
          // The layout needs the data at hand, so a link naming the cars waits for them.
          if (keep && !dataReady(reading.document.data)) {
            loadDataFor(reading.document.data!).then(open, open);
          } else open();
        };
        const lessons = loadedLessons();
        // A lesson's link is read once the lessons have loaded (the page's start waits for them
        // when its address names one, so its first picture is the lesson's). Should they fail to
        // load (offline before they were ever stored), the rest of the link still opens.
        if (lessons === null && linkNamesLesson(search)) {
          loadLessons().then(
            (loaded) => read(loaded),
            (error: unknown) => read([], [lessonsFailed(error)]),
          );
          return;
        }
        read(lessons ?? []);
      },
      loadDocument(document, options) {
        load(document, { keepPresenter: true, ...options });
      },
      startFresh() {
        get().loadScenario(DEFAULT_PRESET_ID);
      },
      notify(message) {
        set({ notices: [...get().notices, message] });
      },
      dismissNotices() {
        set({ notices: [] });
      },
    };
  };
