// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { compareGroup, useExplorerStore } from "../../src/store/index.ts";
import { resetAll } from "./helpers.ts";

afterEach(resetAll);

const comparing = () => useExplorerStore.getState().compare !== null;

describe("compare panel", () => {
  it("C turns compare mode on and off, but not while typing in a field", () => {
    render(<App views={false} />);
    fireEvent.keyDown(document.body, { key: "c" });
    expect(comparing()).toBe(true);
    expect(screen.getByRole("button", { name: "Compare" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    const field = screen.getByRole("textbox", { name: "Learning rate of variant 1" });
    fireEvent.keyDown(field, { key: "c" });
    expect(comparing()).toBe(true);
    fireEvent.keyDown(document.body, { key: "C" });
    expect(comparing()).toBe(false);
  });

  it("Compare by switches the setting; a typed value out of range is refused with the reason", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    await user.click(screen.getByRole("button", { name: "Compare" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Compare by" }), "momentum");
    const group = compareGroup(useExplorerStore.getState());
    expect(group.map((run) => run.params.momentum)).toEqual([0, 0.5, 0.9, 0.99]);
    const field = screen.getByRole("textbox", { name: "Momentum μ of variant 2" });
    await user.clear(field);
    await user.type(field, "2");
    const alerts = screen.getAllByRole("alert").map((alert) => alert.textContent);
    expect(alerts.join("\n")).toMatch(/momentum must be a number from 0 to 0.999, got 2/);
    expect(compareGroup(useExplorerStore.getState())[1]!.params.momentum).toBe(0.5);
  });
});
