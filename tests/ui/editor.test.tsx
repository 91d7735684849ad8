// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { useExplorerStore } from "../../src/store/index.ts";
import { resetAll } from "./helpers.ts";

afterEach(resetAll);

describe("function editor", () => {
  it("shows the typeset function and its gradient", () => {
    render(<App views={false} />);
    expect(screen.getByRole("textbox", { name: "Function" })).toHaveProperty(
      "value",
      "x^2 + 10*y^2",
    );
    expect(screen.getByRole("math", { name: /^f\(x, y\) = / })).toBeTruthy();
    expect(screen.getByRole("math", { name: /^gradient of f = / })).toBeTruthy();
  });

  it("validates on every keystroke, underlines the offending character, and keeps every run", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    const runsBefore = useExplorerStore.getState().runs;
    await user.clear(input);
    await user.type(input, "x^2 + z");
    const alert = screen.getByRole("alert");
    // "z" is the 7th character of "x^2 + z".
    expect(alert.textContent).toContain("at character 7");
    expect(alert.textContent).toMatch(/z/);
    const marks = alert.querySelectorAll("mark");
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe("z");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    // The last valid surface stays: "x^2 + " never parsed, so it is x^2 typed before it.
    expect(alert.textContent).toContain("Still showing f = x^2");
    expect(screen.getAllByRole("listitem", { name: /^Run \d/ })).toHaveLength(4);
    expect(useExplorerStore.getState().runs.map((r) => r.id)).toEqual(runsBefore.map((r) => r.id));

    await user.clear(input);
    await user.type(input, "x^2 + y^2");
    expect(screen.getByRole("alert").textContent).toBe("");
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(useExplorerStore.getState().surface.text).toBe("x^2 + y^2");
    expect(screen.getAllByRole("listitem", { name: /^Run \d/ })).toHaveLength(4);
  });

  it("marks an error at the very end of the text", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    await user.clear(input);
    await user.type(input, "x^2 +");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toMatch(/Function at (the end|character 5)/);
    expect(within(alert).getByText(/Still showing/)).toBeTruthy();
  });
});

describe("hostile text in the editor", () => {
  it("a pasted 100k-character function is refused by length; the alert quotes only a window", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    const runs = useExplorerStore.getState().runs;
    await user.clear(input);
    await user.click(input);
    await user.paste("x+".repeat(50_000) + "1");
    const alert = screen.getByRole("alert");
    expect(useExplorerStore.getState().surfaceError?.code).toBe("too-long");
    expect(alert.querySelector("code")!.textContent!.length).toBeLessThan(200);
    expect(useExplorerStore.getState().runs).toBe(runs);
  });

  it("markup typed as a function stays text", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    await user.clear(input);
    await user.type(input, "<img src=x onerror=alert(1)>");
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("<img");
  });
});
