import { describe, expect, it } from "vitest";
import { demoteHeadings } from "./demote-headings";

describe("demoteHeadings", () => {
  it("moves the highest heading to the given level and the others with it, capped at h6", () => {
    expect(demoteHeadings('<h1 id="a">A</h1><p>x</p><h2>B</h2><h5>E</h5>', 3)).toBe(
      '<h3 id="a">A</h3><p>x</p><h4>B</h4><h6>E</h6>',
    );
  });

  it("leaves HTML alone that has no headings or already starts low enough", () => {
    expect(demoteHeadings("<p>hello <strong>h1</strong></p>", 3)).toBe("<p>hello <strong>h1</strong></p>");
    expect(demoteHeadings("<h4>D</h4>", 3)).toBe("<h4>D</h4>");
    expect(demoteHeadings("<header>x</header><hr>", 2)).toBe("<header>x</header><hr>");
  });
});
