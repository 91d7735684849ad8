export * from "./surface.ts";
export * from "./finiteDifference.ts";
export * from "./critical.ts";
export * from "./scenarios.ts";
export * from "./link.ts";
