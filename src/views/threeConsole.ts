/**
 * Where three.js's own console messages go. three r183 deprecated `THREE.Clock` and warns each
 * time one is made, and @react-three/fiber 9 makes one for every Canvas's state (`state.clock`):
 * every release of fiber 9 up to 9.8.2 does, and its replacement by `THREE.Timer` is planned for
 * fiber 10 (pmndrs/react-three-fiber#3741). Our code never makes a Clock, so that notice says
 * nothing a person can act on; it is dropped here through three's own hook for its messages
 * (`setConsoleFunction`), and every other message of three.js goes to the console as before.
 */
import { setConsoleFunction } from "three";

/** The start of three.js's deprecation notice for `THREE.Clock`. */
const CLOCK_DEPRECATION = "THREE.Clock: This module has been deprecated";

// Installed when a view module loads, before any Canvas makes its state.
setConsoleFunction((level, message, ...params) => {
  if (level === "warn" && message.startsWith(CLOCK_DEPRECATION)) return;
  console[level](message, ...params);
});
