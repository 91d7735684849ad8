// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { dismissUpdate, setUpdateReady } from "../../src/ui/updateReady.ts";
import { resetAll } from "./helpers.ts";

afterEach(() => {
  act(() => dismissUpdate());
  resetAll();
});

describe("the note that a newer version is ready", () => {
  it("is absent until a newer version waits; Reload switches to it", async () => {
    render(<App views={false} />);
    expect(screen.queryByRole("status", { name: "Update" })).toBeNull();
    const reload = vi.fn();
    act(() => setUpdateReady(reload));
    const note = screen.getByRole("status", { name: "Update" });
    expect(note.textContent).toContain("A newer version of Descent Lab is ready.");
    await userEvent.click(screen.getByRole("button", { name: "Reload" }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("Later puts it away without reloading", async () => {
    render(<App views={false} />);
    const reload = vi.fn();
    act(() => setUpdateReady(reload));
    await userEvent.click(screen.getByRole("button", { name: "Later" }));
    expect(screen.queryByRole("status", { name: "Update" })).toBeNull();
    expect(reload).not.toHaveBeenCalled();
  });
});
