/**
 * The data files a data scenario may need, loaded once for the page: today the cars, which the
 * page downloads only when a picture asks for them.
 */
import { loadCars } from "../core/data/cars.ts";
import type { Dataset } from "../core/data/datasets.ts";
import { dataSourceReady, type DataChoice, type LoadedSources } from "../core/data/sources.ts";

let cars: Dataset | undefined;
let pending: Promise<Dataset> | null = null;

/** What has been loaded so far, for `resolveData`. */
export function loadedSources(): LoadedSources {
  return cars === undefined ? {} : { cars };
}

/** True when `choice` (or no choice) can be opened now. */
export function dataReady(choice: Pick<DataChoice, "source"> | undefined | null): boolean {
  return choice == null || dataSourceReady(choice, loadedSources());
}

/** Loads what `choice` needs; rejects with the reason when a file cannot be had. */
export async function loadDataFor(choice: Pick<DataChoice, "source">): Promise<void> {
  if (choice.source !== "cars" || cars !== undefined) return;
  pending ??= loadCars();
  try {
    cars = await pending;
  } finally {
    pending = null;
  }
}
