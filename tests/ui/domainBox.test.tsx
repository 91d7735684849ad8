// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useExplorerStore } from "../../src/store/index.ts";
import { DomainBox } from "../../src/ui/DomainBox.tsx";
import { resetAll } from "./helpers.ts";

afterEach(resetAll);

const field = (name: string) => screen.getByRole("textbox", { name });

async function typeInto(name: string, text: string): Promise<void> {
  const user = userEvent.setup();
  await user.clear(field(name));
  await user.type(field(name), `${text}{Enter}`);
}

describe("the Domain fields", () => {
  it("set each edge of the box and recompute the runs there", async () => {
    render(<DomainBox />);
    const before = useExplorerStore.getState().runs;
    await typeInto("x min", "-4");
    await typeInto("y max", "2.5");
    expect(useExplorerStore.getState().box).toMatchObject({ xmin: -4, ymax: 2.5 });
    // Every run is a new computation in the new box (same ids).
    const after = useExplorerStore.getState().runs;
    expect(after.map((run) => run.id)).toEqual(before.map((run) => run.id));
    after.forEach((run, i) => expect(run).not.toBe(before[i]));
  });

  it("refuse an edge past the other one, saying why and keeping the box", async () => {
    render(<DomainBox />);
    const box = useExplorerStore.getState().box;
    await typeInto("x min", String(box.xmax + 1));
    expect(field("x min").getAttribute("aria-invalid")).toBe("true");
    const hint = document.getElementById(field("x min").getAttribute("aria-describedby")!);
    expect(hint?.textContent).toMatch(/^x min must be between -1e6 and \S+; keeping \S+$/);
    expect(useExplorerStore.getState().box).toEqual(box);
  });

  it("refuse a box too narrow to draw instead of ignoring it", async () => {
    // Near 10⁶ the narrowest box is a billionth of that: 0.001 (with a margin for rounding).
    act(() => useExplorerStore.getState().setBox({ xmin: 999_990, xmax: 1e6, ymin: 0, ymax: 1 }));
    render(<DomainBox />);
    // The whole value at once (typed key by key, its valid beginnings would apply on the way).
    fireEvent.change(field("x min"), { target: { value: "999999.9995" } });
    expect(field("x min").getAttribute("aria-invalid")).toBe("true");
    expect(useExplorerStore.getState().box.xmin).toBe(999_990);
    fireEvent.change(field("x min"), { target: { value: "999999.99" } });
    expect(field("x min").getAttribute("aria-invalid")).toBe("false");
    expect(useExplorerStore.getState().box.xmin).toBe(999_999.99);
  });
});
