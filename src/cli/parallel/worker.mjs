// The entry of a command-line worker thread. It is plain JavaScript so node can start it from a
// checkout with no build step; it teaches this thread TypeScript (the tsx loader, a dependency
// installed with the project) and then loads the task runner.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
