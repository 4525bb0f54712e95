import { describe, expect, it } from "vitest";
import { nextFreeSlot, outcomeLabel, sameTimeAs } from "~/models/agenda-slots";

const item = (id: number, slotStart: string, durationMinutes: number | null, outcome: "pending" | "decided" | "deferred" = "pending") => ({
  id,
  slotStart,
  durationMinutes,
  outcome,
});

describe("agenda slots", () => {
  it("suggests the end of the item that ends last, else the meeting's start", () => {
    expect(nextFreeSlot([], "09:00")).toBe("09:00");
    expect(nextFreeSlot([item(1, "09:00", 30), item(2, "10:00", null), item(3, "09:30", 20)], "09:00")).toBe("10:00");
    expect(nextFreeSlot([item(1, "09:00", 30), item(2, "09:40", 50)], "09:00")).toBe("10:30");
    // A deferred marker takes no time; past midnight there is no suggestion.
    expect(nextFreeSlot([item(1, "09:00", 30), item(2, "11:00", 60, "deferred")], "09:00")).toBe("09:30");
    expect(nextFreeSlot([item(1, "23:30", 60)], "09:00")).toBe("");
  });
  it("finds the items that share a start time", () => {
    const clashes = sameTimeAs([item(1, "09:00", 30), item(2, "09:00", 10), item(3, "", null), item(4, "", null), item(5, "09:00", 5, "deferred")]);
    expect([...clashes.entries()]).toEqual([
      [1, [2]],
      [2, [1]],
    ]);
  });
  it("calls a decided orientation item noted", () => {
    expect(outcomeLabel("orientation", "decided")).toBe("noted");
    expect(outcomeLabel("case", "decided")).toBe("decided");
    expect(outcomeLabel("orientation", "pending")).toBe("pending");
  });
});
