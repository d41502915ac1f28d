import { describe, expect, it } from "vitest";
import { Lazy } from "./lazy.js";

describe("Lazy", () => {
  it("loads once for every caller, and tries again after a failure", async () => {
    let loads = 0;
    const lazy = new Lazy(async () => {
      loads++;
      if (loads === 1) throw new Error("not yet");
      return "model";
    });
    await expect(lazy.get()).rejects.toThrow("not yet");
    expect(await Promise.all([lazy.get(), lazy.get()])).toEqual(["model", "model"]);
    expect(loads).toBe(2);
    expect(await lazy.take()).toBe("model");
    expect(lazy.take()).toBeUndefined();
    await lazy.get();
    expect(loads).toBe(3);
  });
});
