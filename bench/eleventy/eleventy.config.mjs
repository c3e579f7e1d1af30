// Eleventy 3.x building the bench's postings as a peer of stint's board, pages at parity
// (bench/eleventy.py runs it): STINT_LISTINGS names the posting files, STINT_TODAY the day.
import markdownIt from "markdown-it";

const WINDOW = 2; // plugins/stint/board/pagination.py: pages linked either side of this one
const JUMP_BASE = 10; // and pages 10, 100, ... away, so a pager stays a dozen links long

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function linkedPages(number, count) {
  const numbers = new Set([1, count]);
  for (let page = number - WINDOW; page <= number + WINDOW; page++) numbers.add(page);
  for (let distance = JUMP_BASE; distance < count; distance *= JUMP_BASE) numbers.add(number - distance).add(number + distance);
  return [...numbers].filter((page) => page >= 1 && page <= count).sort((a, b) => a - b);
}

export default function (eleventyConfig) {
  // Eleventy's own Markdown library, with its default options (raw HTML allowed).
  const markdown = markdownIt({ html: true });
  eleventyConfig.addFilter("markdown", (text) => markdown.render(text));
  eleventyConfig.addFilter("pageUrl", (base, number) => (number === 1 ? base : `${base}page/${number}/`));
  eleventyConfig.addFilter("linkedPages", linkedPages);
  eleventyConfig.addFilter("number", (value) => value.toLocaleString("en-US"));
  eleventyConfig.addFilter("day", (iso) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`);
  return { dir: { input: "site" }, templateFormats: ["njk"] };
}
