// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { ViewsBoundary } from "../../src/ui/ViewsBoundary.tsx";
import { resetAll } from "./helpers.ts";

afterEach(() => {
  resetAll();
  vi.restoreAllMocks();
});

function Broken(): never {
  throw new Error("WebGL context could not be created");
}

describe("views boundary", () => {
  it("replaces failed views with a message and keeps its siblings", () => {
    // React reports the caught error on the console; keep the test output clean.
    vi.spyOn(console, "error").mockImplementation(() => {});
    render(
      <div>
        <ViewsBoundary>
          <Broken />
        </ViewsBoundary>
        <button type="button">Play</button>
      </div>,
    );
    expect(screen.getByText(/The views could not be drawn/)).toBeTruthy();
    expect(screen.getByText("WebGL context could not be created")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Play" })).toBeTruthy();
  });
});
