// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { useExplorerStore } from "../../src/store/index.ts";
import { currentLink } from "../../src/ui/CopyLink.tsx";
import { resetAll } from "./helpers.ts";

afterEach(resetAll);

/** What the page does on load (src/main.tsx) with this query. */
function open(search: string) {
  useExplorerStore.getState().loadLink(search);
  return render(<App views={false} />);
}

describe("opening a link", () => {
  it("opens with the link's function and one run", () => {
    open("?f=sin(x)%2By%5E2&start=0.5,1&optimizer=momentum&lr=0.05");
    expect(screen.getByRole("textbox", { name: "Function" })).toHaveProperty("value", "sin(x)+y^2");
    expect(screen.getAllByRole("listitem", { name: /^Run \d/ })).toHaveLength(1);
    expect(screen.getByRole("combobox", { name: "Optimizer" })).toHaveProperty("value", "momentum");
    expect(screen.getByLabelText("Learning rate")).toHaveProperty("value", "0.05");
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  it("shows each bad parameter in the alert and keeps the good ones", () => {
    open("?f=%3Cscript%3Ealert(1)%3C%2Fscript%3E&start=1,2&lr=1e999");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toMatch(/Link parameter "f":.*using the default function/);
    expect(alert.textContent).toMatch(/Link parameter "lr":.*too large/);
    expect(document.querySelector("script")).toBeNull();
    expect(screen.getByRole("textbox", { name: "Function" })).toHaveProperty(
      "value",
      "x^2 + 10*y^2",
    );
    expect(useExplorerStore.getState().runs[0]!.start).toEqual([1, 2]);
  });

  it("opens a named scenario, and the notices can be dismissed", async () => {
    const user = userEvent.setup();
    open("?scenario=fence&optimizer=nope");
    // The bad optimizer is reported; the run is built on the scenario's.
    expect(screen.getByRole("alert").textContent).toContain('"optimizer"');
    expect(useExplorerStore.getState().surface.dimension).toBe(1);
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  it("one click on a preset loads it", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    await user.click(screen.getByRole("button", { name: "Himmelblau" }));
    expect(useExplorerStore.getState().scenarioId).toBe("himmelblau");
    expect(screen.getAllByRole("listitem", { name: /^Run \d/ })).toHaveLength(4);
    expect(screen.getByRole("button", { name: "Himmelblau" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
  });

  it("the copied link reopens the same function and run", () => {
    useExplorerStore.getState().setText("x^2 + 3*y^2");
    useExplorerStore.getState().setRunStart(useExplorerStore.getState().runs[0]!.id, [1.25, -2]);
    const link = new URL(currentLink());
    resetAll();
    open(link.search);
    const state = useExplorerStore.getState();
    expect(state.text).toBe("x^2 + 3*y^2");
    expect(state.runs[0]!.start).toEqual([1.25, -2]);
    expect(state.runs[0]!.params.lr).toBe(0.09);
    expect(state.notices).toEqual([]);
  });
});
