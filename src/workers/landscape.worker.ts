/// <reference lib="webworker" />
/**
 * A worker of the page's pool (./pool.ts): answers calls to ./landscapeApi.ts through comlink,
 * so basin maps, clouds, sweeps and long runs are computed off the page's thread.
 */
import { expose } from "comlink";
import { landscapeApi } from "./landscapeApi.ts";

expose(landscapeApi);
