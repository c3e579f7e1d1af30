// The board as stint sees it, for Eleventy: every posting file of STINT_LISTINGS parsed
// with js-yaml, which are open on STINT_TODAY, and the facet pages of
// plugins/stint/board/facets.py. The facet values and their labels come from the schema,
// as stint's do (stint.contract.vocabulary).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

const PER_PAGE = 24; // plugins/stint/settings.py: PER_PAGE
const FACET_PAGES = 20; // and FACET_PAGES: a facet's listing stops after this many pages
const today = process.env.STINT_TODAY || "2026-11-29";
const listings = process.env.STINT_LISTINGS;
const schema = JSON.parse(readFileSync(new URL("../../../../schema/posting.schema.json", import.meta.url), "utf8"));

function labels(field) {
  let node = schema;
  for (const key of field.split(".")) node = node.properties[key];
  return (node.type === "array" ? node.items : node)["x-labels"];
}

const span = (value) => (typeof value === "object" ? [value.min, value.max] : [value, value]);
const DURATION = [["1-2-weeks", "1-2 weeks", 1, 2], ["3-4-weeks", "3-4 weeks", 3, 4], ["5-plus-weeks", "5 weeks or more", 5, 12]];
const HOURS = [["up-to-10", "Up to 10", 1, 10], ["11-20", "11-20", 11, 20], ["21-40", "21-40", 21, 40]];
const bandLabels = (bands) => Object.fromEntries(bands.map(([slug, label]) => [slug, label]));
// Every band a range touches: a 2-3 week project is both short and medium.
const inBands = (bands, [low, high]) => bands.filter(([, , start, end]) => low <= end && high >= start).map(([slug]) => slug);

// name, labels of its values, and the values a posting belongs to: facets.py's FACETS.
const FACETS = [
  ["field", labels("fields"), (p) => p.fields],
  ["location", labels("location.mode"), (p) => [p.location.mode]],
  ["duration", bandLabels(DURATION), (p) => inBands(DURATION, p.weeks)],
  ["hours", bandLabels(HOURS), (p) => inBands(HOURS, p.hours)],
  ["pay", labels("compensation.type"), (p) => [p.compensation.type]],
  ["international", labels("eligibility.international_students"), (p) => p.eligibility?.international_students ?? []],
  ["credit", { yes: "Academic credit available" }, (p) => (p.academic_credit ? ["yes"] : [])],
  ["level", labels("eligibility.levels"), (p) => p.eligibility?.levels ?? []],
  ["host", labels("host"), (p) => [p.host ?? "employer"]],
];

const countries = new Intl.DisplayNames(["en"], { type: "region" });
const MODES = labels("location.mode");
const plural = ([low, high], unit) => `${low === high ? low : `${low}-${high}`} ${unit}${high === 1 ? "" : "s"}`;

function money(amount, currency) {
  const digits = Number.isInteger(amount) || amount >= 100 ? 0 : 2;
  return `${currency} ${amount.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

function payText(pay) {
  if (pay.type === "paid") return `${money(pay.amount, pay.currency)} per ${pay.per}`;
  return pay.travel_expenses_covered ? "Unpaid, travel costs covered" : "Unpaid";
}

function whereText(location) {
  if (location.mode === "remote") return `Remote from ${location.countries.map((code) => countries.of(code)).join(", ")}`;
  return `${MODES[location.mode]}, ${location.city}, ${countries.of(location.country)}`;
}

function posting(file) {
  const data = yaml.load(readFileSync(path.join(listings, file), "utf8"));
  const p = { ...data, slug: path.basename(file, ".yaml"), weeks: span(data.duration_weeks), hours: span(data.hours_per_week) };
  p.payText = payText(data.compensation);
  p.durationText = plural(p.weeks, "week");
  p.hoursText = `${plural(p.hours, "hour")} a week`;
  p.whereText = whereText(data.location);
  p.fieldLabels = data.fields.map((name) => labels("fields")[name]);
  p.isOpen = !data.closed && today <= data.apply_by;
  return p;
}

// Directory-style pages, as stint's: /internships/field/research/, .../page/2/, ...
function chunks(base, heading, members, maxPages) {
  const count = Math.min(Math.max(1, Math.ceil(members.length / PER_PAGE)), maxPages);
  return Array.from({ length: count }, (_, index) => ({
    base,
    heading,
    number: index + 1,
    count,
    total: members.length,
    url: index === 0 ? base : `${base}page/${index + 1}/`,
    postings: members.slice(index * PER_PAGE, (index + 1) * PER_PAGE),
  }));
}

export default function () {
  if (!listings) throw new Error("STINT_LISTINGS must name the folder of posting files");
  const files = readdirSync(listings).filter((name) => name.endsWith(".yaml"));
  // Newest first, as stint's board: posted, then slug, both descending; scheduled postings wait.
  const postings = files
    .map(posting)
    .filter((p) => p.posted <= today)
    .sort((a, b) => (a.posted === b.posted ? (a.slug < b.slug ? 1 : -1) : a.posted < b.posted ? 1 : -1));
  const open = postings.filter((p) => p.isOpen);
  const groups = FACETS.map(([name, values, members]) => {
    const byValue = Object.fromEntries(Object.keys(values).map((slug) => [slug, []]));
    for (const p of open) for (const slug of members(p)) byValue[slug].push(p);
    return { name, values: Object.entries(values).map(([slug, label]) => ({ slug, label, url: `internships/${name}/${slug}/`, postings: byValue[slug] })) };
  });
  const facetPages = groups.flatMap(({ name, values }) =>
    values.flatMap(({ slug, label, url, postings: members }) =>
      chunks(url, name === "credit" ? "Micro-internships with academic credit" : `${label} micro-internships`, members, FACET_PAGES),
    ),
  );
  const listPages = [...chunks("internships/", "Micro-internships", open, Infinity), ...facetPages];
  return { today, postings, open, groups, listPages };
}
