// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { App } from "../../src/App.tsx";
import { useExplorerStore } from "../../src/store/index.ts";
import { PRESENTER_PALETTE } from "../../src/core/presenterPalette.ts";
import { resetAll } from "./helpers.ts";

afterEach(() => {
  resetAll();
});

const presenterButton = () => screen.getByRole("button", { name: "Presenter mode" });

describe("presenter mode in the page", () => {
  it("folds the panels away, shows the run legend, and comes back as it was", () => {
    render(<App views={false} />);
    const sidebar = screen.getByRole("complementary", { name: "Settings" });
    expect(presenterButton().getAttribute("aria-pressed")).toBe("false");
    expect(sidebar.hidden).toBe(false);
    expect(screen.queryByRole("region", { name: "Run legend" })).toBeNull();
    expect(screen.getByText(/P presenter/)).toBeTruthy();

    fireEvent.click(presenterButton());
    expect(presenterButton().getAttribute("aria-pressed")).toBe("true");
    expect(document.documentElement.classList.contains("presenter")).toBe(true);
    expect(useExplorerStore.getState().view.presenter).toBe(true);
    expect(sidebar.hidden).toBe(true);
    // This browser (jsdom) has no full screen: the page is presented in the window and offers
    // none (the real browser's full screen is tested in tests/e2e/presenter.e2e.ts).
    expect(typeof document.documentElement.requestFullscreen).toBe("undefined");
    expect(screen.queryByRole("button", { name: "Full screen" })).toBeNull();
    expect(screen.getByText(/P leave/)).toBeTruthy();

    // The default scenario's four runs, each with its line, name, settings and outcome, in the
    // presenter colours.
    const legend = screen.getByRole("region", { name: "Run legend" });
    const items = within(legend).getAllByRole("listitem");
    expect(items).toHaveLength(4);
    expect(items[0]!.textContent).toMatch(/^Run 1 Gradient descent · lr 0\.09converged, 80 steps$/);
    expect(items[3]!.textContent).toMatch(/^Run 4 Adam · lr 0\.2/);
    const names = items.map((item) => item.querySelector("b")!.style.color);
    // jsdom reports colours as rgb(): #1F3A93 is rgb(31, 58, 147).
    expect(names[0]).toBe("rgb(31, 58, 147)");
    expect(PRESENTER_PALETTE[0]).toBe("#1F3A93");

    fireEvent.click(presenterButton());
    expect(document.documentElement.classList.contains("presenter")).toBe(false);
    expect(sidebar.hidden).toBe(false);
    expect(screen.queryByRole("region", { name: "Run legend" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Full screen" })).toBeNull();
  });

  it("turns on and off with the P key, unless a text field has the focus", () => {
    render(<App views={false} />);
    act(() => {
      fireEvent.keyDown(window, { key: "p" });
    });
    expect(useExplorerStore.getState().view.presenter).toBe(true);
    const field = screen.getByRole("textbox", { name: "Function" });
    field.focus();
    fireEvent.keyDown(field, { key: "P" });
    expect(useExplorerStore.getState().view.presenter).toBe(true);
    field.blur();
    act(() => {
      fireEvent.keyDown(window, { key: "P" });
    });
    expect(useExplorerStore.getState().view.presenter).toBe(false);
  });

  it("leaves F to the browser outside presenter mode", () => {
    render(<App views={false} />);
    const event = new KeyboardEvent("keydown", { key: "f", bubbles: true, cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});
