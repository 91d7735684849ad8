/**
 * Builds the app once (the production build with the page's test hook), serves it and starts
 * one Chromium for all test files; workers connect to it through its websocket endpoint.
 */
import type { TestProject } from "vitest/node";
import { buildApp, launchBrowserServer, serveDirectory } from "./harness.ts";
import { rm } from "node:fs/promises";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    wsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dist = await buildApp("e2e");
  const server = await serveDirectory(dist);
  const browserServer = await launchBrowserServer();
  project.provide("baseURL", server.url);
  project.provide("wsEndpoint", browserServer.wsEndpoint());
  return async () => {
    await browserServer.close();
    await server.close();
    await rm(dist, { recursive: true, force: true });
  };
}
