import { describe, expect, it } from "vitest";
import { titleBesideNumber } from "./episode-info.js";

describe("titleBesideNumber", () => {
  it("drops the episode number a title ends with, and the dash before it, when the number is shown anyway", () => {
    expect(titleBesideNumber("Robot e persone - #43", 43)).toBe("Robot e persone");
    expect(titleBesideNumber("Agenti di coding e non solo: meglio un boomer #38", 38)).toBe(
      "Agenti di coding e non solo: meglio un boomer",
    );
  });

  it("leaves a title whose number is not the episode's, an episode without a number, and a title that is only it", () => {
    expect(titleBesideNumber("Le 10 notizie #42", 41)).toBe("Le 10 notizie #42");
    expect(titleBesideNumber("Intervista a Mario Fusco", undefined)).toBe("Intervista a Mario Fusco");
    expect(titleBesideNumber("#42", 42)).toBe("#42");
  });
});
