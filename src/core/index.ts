export * from "./surface.ts";
export * from "./finiteDifference.ts";
export * from "./critical.ts";
