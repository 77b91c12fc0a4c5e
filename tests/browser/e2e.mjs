#!/usr/bin/env node
// End-to-end test of the Civis portal in a real headless Chromium (Debian's /usr/bin/chromium,
// driven through playwright-core), with an axe-core accessibility check on every page.
//
//   node tests/browser/e2e.mjs <base-url> [artefact-dir]
//
// The flow is what a visitor does: home -> Indicators (nav) -> an indicator -> an area in its
// ranking table -> Compare (nav), two areas picked in the form -> the results -> an indicator
// from the results -> its CSV download. Each step asserts visible content (names and values,
// not status codes). A keyboard check: the first Tab lands on the skip link, which moves the
// focus to <main>. Every page is screenshotted (full page) into the artefact folder (default
// target/browser-artifacts/) and checked with axe-core; any violation of impact `serious` or
// `critical` fails the run (all violations are printed with their selectors).
//
// Exit status: 0 when everything passed, 1 otherwise. Settings (environment): CIVIS_CHROMIUM
// (default /usr/bin/chromium).

import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { AXE, BLOCKING, Failure, baseUrl, check, launch, norm } from "./common.mjs";

const base = baseUrl(process.argv[2], "usage: node e2e.mjs <base-url, e.g. http://127.0.0.1:8099> [artefact-dir]");
const out = path.resolve(process.argv[3] ?? "target/browser-artifacts");
// One number as the portal writes it: 71.3, 1,234.5, -2.0, 12 %
const NUMBER = /[-−+]?\d[\d,]*(\.\d+)?/;

// ---------------------------------------------------------------------------------------------
// small helpers


let shot = 0;
const axeReport = []; // { page, url, violations }
const badResponses = [];

/** Screenshot and axe check of the page as it is now. */
async function record(page, name) {
  shot += 1;
  const file = path.join(out, `${String(shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // WCAG 1.4.10 (reflow): wide content scrolls in its own region, not the whole page
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(widths[0] <= widths[1], `${name}: the page does not scroll sideways (${widths[0]} px wide in ${widths[1]} px)`);
  await onAPhone(page, name);
  await page.addScriptTag({ path: AXE });
  const { result, review } = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document);
    const review = r.incomplete.map((v) => `${v.id} (${v.nodes.length})`).join(", ");
    const result = r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(" "),
        summary: n.failureSummary,
        html: n.html,
      })),
    }));
    return { result, review };
  });
  axeReport.push({ page: name, url: page.url(), violations: result });
  const blocking = result.filter((v) => BLOCKING.has(v.impact)).length;
  console.log(
    `  --  ${name}: screenshot ${path.basename(file)}; axe: ${result.length} violation(s), ${blocking} serious or critical` +
      (review ? `; for manual review: ${review}` : ""),
  );
}

/** The same page on a 360 px wide phone: no sideways scrolling of the document, and every
 *  chart's text at least 11 px as rendered (font size times the SVG's scale on screen). */
async function onAPhone(page, name) {
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 780 });
  try {
    const m = await page.evaluate(() => {
      const texts = [...document.querySelectorAll("svg.civis-chart text")].filter((t) => t.textContent.trim() !== "");
      const sizes = texts.map((t) => {
        const px = parseFloat(getComputedStyle(t).fontSize);
        const ctm = t.getScreenCTM();
        return ctm ? px * Math.hypot(ctm.a, ctm.b) : px;
      });
      return { width: document.documentElement.scrollWidth, inner: window.innerWidth, texts: sizes.length, smallest: sizes.length ? Math.min(...sizes) : null };
    });
    check(m.width <= m.inner, `${name} at 360 px: the page is ${m.width} px wide (no sideways scrolling)`);
    if (m.texts > 0) {
      // to a hundredth of a pixel: map coordinates are written to 0.1 map unit
      check(Math.round(m.smallest * 100) / 100 >= 11, `${name} at 360 px: the smallest of ${m.texts} chart texts is ${m.smallest.toFixed(3)} px (at least 11)`);
    }
    await page.screenshot({ path: path.join(out, `${String(shot).padStart(2, "0")}-${name}-360px.png`), fullPage: true });
  } finally {
    await page.setViewportSize(desktop);
  }
}

async function step(title, fn) {
  console.log(`\n== ${title}`);
  await fn();
}

/** The text of the first element matching `selector` (trimmed, whitespace collapsed). */
async function text(page, selector) {
  return norm(await page.locator(selector).first().innerText());
}

/** Numbers shown in the cells matching `selector`. */
async function numbersIn(page, selector) {
  const cells = await page.locator(selector).allInnerTexts();
  return cells.map(norm).filter((t) => NUMBER.test(t));
}

/** The visible marks of the first chart SVG inside `scope` (paths, rects, circles, lines). */
async function chartMarks(page, scope) {
  const svg = page.locator(`${scope} svg`).first();
  if ((await svg.count()) === 0) return 0;
  const box = await svg.boundingBox();
  if (!box || box.width < 50 || box.height < 30) return 0;
  return svg.locator("path, rect, circle, line, polygon").count();
}

// ---------------------------------------------------------------------------------------------
// the flow

async function main() {
  // clear what an earlier run left (only our own kinds of files: the folder is passed in)
  await mkdir(out, { recursive: true });
  for (const f of await readdir(out)) {
    if (/\.(png|csv|xlsx)$/.test(f)) await rm(path.join(out, f), { force: true });
  }
  const started = Date.now();
  const browser = await launch();
  // bypassCSP: the portal's CSP (script-src 'none') would block the injected axe-core
  const context = await browser.newContext({
    bypassCSP: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: "en-GB",
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  page.on("response", (r) => {
    if (r.url().startsWith(base) && r.status() >= 400) badResponses.push(`${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => badResponses.push(`page error: ${e.message}`));
  const nav = page.getByRole("navigation", { name: "Site" });

  try {
    await step("axe-core finds what it should", async () => {
      // a page with known faults: the checker must report them, or a clean run means nothing
      await page.setContent('<html><body><img src="x.png"><a href="/x"></a></body></html>');
      await page.addScriptTag({ path: AXE });
      const ids = await page.evaluate(async () => (await axe.run()).violations.map((v) => v.id));
      check(ids.includes("image-alt") && ids.includes("link-name"), `axe-core reports a page with known faults: ${ids.join(", ")}`);
    });

    await step("home", async () => {
      await page.goto(`${base}/`);
      check(/immigrants/i.test(await text(page, "h1")), "home: the h1 asks how immigrants fare");
      const css = await page.evaluate(() => getComputedStyle(document.querySelector("header.site")).display);
      check(css === "flex", "home: the stylesheet is applied (header laid out as flex)");
      const caption = await text(page, "main table caption");
      check(/foreign citizens and nationals by country/i.test(caption), `home: table "${caption}"`);
      const rows = await page.locator("main table tbody tr").count();
      check(rows >= 10, `home: ${rows} countries in the table`);
      const values = await numbersIn(page, "main table tbody td.num");
      check(values.length >= 2 * rows, `home: ${values.length} values in the table (e.g. ${values[0]})`);
      const at = norm(await page.locator("main table tbody tr", { has: page.locator("a[href='/areas/AT']") }).innerText());
      check(NUMBER.test(at), `home: Austria's row has values: "${at}"`);
      const marks = await chartMarks(page, "main figure");
      check(marks >= 10, `home: the map has ${marks} shapes`);
      await record(page, "home");
    });

    await step("keyboard: skip link", async () => {
      await page.goto(`${base}/`);
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => ({
        cls: document.activeElement?.className,
        text: document.activeElement?.textContent?.trim(),
        href: document.activeElement?.getAttribute("href"),
      }));
      check(first.cls === "skip" && first.href === "#main", `the first Tab reaches the skip link ("${first.text}")`);
      const box = await page.locator("a.skip").boundingBox();
      check(box && box.x >= 0 && box.y >= 0 && box.width > 0, "the focused skip link is on screen");
      await page.screenshot({ path: path.join(out, "00-skip-link-focused.png") });
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "main");
      check(true, "Enter on the skip link moves the focus to <main id=main>");
      await page.keyboard.press("Tab");
      const next = await page.evaluate(() => document.activeElement?.closest("main") !== null);
      check(next, "the next Tab stays inside main (past the navigation)");
    });

    let indicatorName = "Employment rate";
    await step("indicator (via the navigation)", async () => {
      await nav.getByRole("link", { name: "Indicators", exact: true }).click();
      await page.waitForURL(`${base}/indicators`);
      check((await text(page, "h1")) === "Indicators", "catalogue: h1 Indicators");
      const count = await page.locator("dl.defs dt a").count();
      check(count >= 5, `catalogue: ${count} indicators listed`);
      await record(page, "indicators");
      await page.getByRole("link", { name: indicatorName, exact: true }).first().click();
      await page.waitForURL(/\/indicators\/employment_rate/);
      check((await text(page, "h1")) === indicatorName, `indicator: h1 "${indicatorName}"`);
      const def = await text(page, "#definition + p");
      check(def.length > 20, `indicator: a definition ("${def.slice(0, 60)}...")`);
      const rows = await page.locator("main table tbody tr").count();
      check(rows >= 10, `indicator: ${rows} areas in the ranking table`);
      const values = await numbersIn(page, "main table tbody td.num");
      check(values.length >= rows, `indicator: values in the table (e.g. ${values.slice(0, 3).join(", ")})`);
      const figures = await page.locator("main figure svg").count();
      check(figures >= 2, `indicator: ${figures} charts (map and ranking)`);
      const ranking = await chartMarks(page, "main figure:nth-of-type(2)");
      check(ranking >= 10, `indicator: the ranking chart draws ${ranking} marks`);
      const links = await page.locator("main a[href$='.csv']").count();
      check(links >= 1, "indicator: a CSV download link");
      await record(page, "indicator-employment_rate");
    });

    await step("area profile (from the ranking table)", async () => {
      // areas are named in their own language: Austria is Österreich
      const link = page.locator("main table tbody th a[href='/areas/AT']");
      const name = norm(await link.innerText());
      check(name === "Österreich", `indicator: Austria is in the ranking table as "${name}"`);
      await link.click();
      await page.waitForURL(/\/areas\/AT$/);
      const h1 = await text(page, "h1");
      check(h1.startsWith(name) && h1.endsWith("AT"), `area: h1 "${h1}"`);
      const sections = await page.locator("main section.indicator").count();
      check(sections >= 3, `area: ${sections} indicator sections`);
      const first = page.locator("main section.indicator").first();
      const heading = norm(await first.locator("h2").innerText());
      const cells = (await first.locator("td.num").allInnerTexts()).map(norm).filter((t) => NUMBER.test(t));
      check(cells.length >= 2, `area: "${heading}" shows values (${cells.slice(0, 2).join("; ")})`);
      const gaps = await page.locator("main ul.gaps li").count();
      check(gaps >= 1, `area: ${gaps} gaps between groups stated`);
      const charts = await page.locator("main figure svg").count();
      check(charts >= 2, `area: ${charts} charts (gaps, time series)`);
      const precision = await page.locator("#precision").count();
      check(precision === 1, "area: the precision section");
      await record(page, "area-AT");
    });

    await step("compare two areas (form)", async () => {
      await nav.getByRole("link", { name: "Compare", exact: true }).click();
      await page.waitForURL(/\/compare/);
      check((await text(page, "h1")) === "Compare areas", "compare: h1 Compare areas");
      await page.getByLabel("Area 1").selectOption({ label: "Österreich (AT)" });
      await page.getByLabel("Area 2").selectOption({ label: "Deutschland (DE)" });
      await page.getByLabel("Group").selectOption("FOR");
      await page.getByRole("button", { name: "Compare" }).click();
      await page.waitForURL(/geo=AT&geo=DE/);
      check(true, `compare: the form submitted to ${page.url().slice(base.length)}`);
      const heads = (await page.locator("main table thead th").allInnerTexts()).map(norm);
      check(heads.includes("Österreich") && heads.includes("Deutschland"), `compare: columns ${heads.join(" | ")}`);
      const row = page.locator("main table tbody tr", { hasText: indicatorName }).first();
      const cells = (await row.locator("td.num").allInnerTexts()).map(norm);
      check(cells.length === 2 && cells.every((c) => NUMBER.test(c)), `compare: ${indicatorName}: ${cells.join(" vs ")}`);
      // the second area against the first: its difference, and a verdict
      const [at, de] = cells.map((c) => Number(c.match(NUMBER)[0].replace(/,/g, "")));
      const diff = cells[1].match(/([-−+]?\d+(\.\d+)?) pp/);
      check(
        diff && Math.abs(Number(diff[1].replace("−", "-")) - (de - at)) < 0.051,
        `compare: Deutschland minus Österreich is ${diff?.[1]} pp (${de} - ${at})`,
      );
      check(/\b(higher|lower|not significant|not tested \(no standard error\))$/.test(cells[1]), "compare: with a verdict of the test");
      const rows = await page.locator("main table tbody tr").count();
      check(rows >= 3, `compare: ${rows} indicators compared`);
      await record(page, "compare-AT-DE");
    });

    await step("download a CSV", async () => {
      await page.locator("main table tbody th a", { hasText: indicatorName }).first().click();
      await page.waitForURL(/\/indicators\/employment_rate/);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("main a[href='/downloads/employment_rate.csv']").click(),
      ]);
      const file = path.join(out, download.suggestedFilename());
      await download.saveAs(file);
      check(download.suggestedFilename() === "employment_rate.csv", `download: ${download.suggestedFilename()}`);
      const lines = (await readFile(file, "utf8")).split(/\r?\n/).filter((l) => l.length > 0);
      const header = lines[0].replace(/^\uFEFF/, "").split(",");
      for (const col of ["indicator", "geo", "time", "estimate"]) {
        check(header.includes(col), `download: the header has "${col}"`);
      }
      check(lines.length > 100, `download: ${lines.length - 1} rows`);
      const geo = header.indexOf("geo");
      const est = header.indexOf("estimate");
      const at = lines.slice(1).find((l) => l.split(",")[geo] === "AT" && l.split(",")[est] !== "");
      check(at !== undefined, `download: a row for Austria with a value: ${at}`);
      await record(page, "indicator-before-download");
    });

    await step("a city page and the availability of regional statistics", async () => {
      const resp = await page.goto(`${base}/areas/FR002C`);
      const heading = await text(page, "h1");
      check(resp.ok() && /^Lyon/.test(heading), `/areas/FR002C: h1 "${heading}"`);
      const region = await text(page, "#city-region");
      check(/region \(NUTS 2\)/.test(region), `/areas/FR002C: the region's outcomes are labelled "${region}"`);
      const main = await text(page, "main");
      check(main.includes("FRK2"), "/areas/FR002C: Lyon lies in FRK2");
      check(/Foreign-born share/.test(main), "/areas/FR002C: the city's own foreign-born share");
      await record(page, "city-FR002C");
      const av = await page.goto(`${base}/availability?indicator=unemployment_rate&group=FOR&year=2022`);
      check(av.ok() && /regions/.test(await text(page, "h1")), "/availability: answers");
      const shown = await text(page, "main h2");
      check(/2022/.test(shown), `/availability: the year asked for is shown ("${shown}")`);
      const charts = await page.locator("main figure svg").count();
      check(charts >= 2, `/availability: a map and a time chart (${charts} charts)`);
      const rows = await page.locator("main table tbody tr").count();
      check(rows >= 20, `/availability: ${rows} countries in the table`);
      await record(page, "availability");
    });

    await step("more pages", async () => {
      const more = [
        ["/methodology", "methodology", /read the numbers|methodology|method/i],
        ["/downloads", "downloads", /download/i],
        ["/api", "api", /api/i],
        ["/peers/AT", "peers-AT", /similar to Österreich/i],
        ["/areas/AT13", "area-AT13", /.+/],
        ["/indicators/arop_rate?level=region", "indicator-arop_rate-regions", /poverty/i],
        ["/areas/AT-D101", "area-AT-D101", /.+/],
      ];
      for (const [url, name, h1] of more) {
        const resp = await page.goto(`${base}${url}`);
        const heading = await text(page, "h1");
        check(resp.ok() && h1.test(heading), `${url}: h1 "${heading}"`);
        await record(page, name);
      }
      const district = await numbersIn(page, "main td.num");
      check(district.length >= 2, `/areas/AT-D101: values shown (e.g. ${district[0]})`);
    });
  } catch (e) {
    // a screenshot of where it went wrong
    await page.screenshot({ path: path.join(out, "failure.png"), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s in the browser)`);
  }
}

function reportAxe() {
  let blocking = 0;
  console.log("\n== axe-core");
  for (const r of axeReport) {
    for (const v of r.violations) {
      const bad = BLOCKING.has(v.impact);
      if (bad) blocking += 1;
      console.log(`${bad ? "FAIL" : "note"} [${v.impact}] ${v.id} on ${r.page} (${r.url}): ${v.help}\n     ${v.helpUrl}`);
      for (const n of v.nodes.slice(0, 10)) console.log(`       ${n.target}  ${n.html.slice(0, 120)}`);
      if (v.nodes.length > 10) console.log(`       ... and ${v.nodes.length - 10} more`);
    }
  }
  console.log(`axe-core: ${axeReport.length} pages checked, ${blocking} serious or critical violation(s)`);
  return blocking;
}

try {
  await main();
} catch (e) {
  reportAxe();
  console.error(`\nFAILED: ${e instanceof Failure ? e.message : e.stack ?? e}`);
  console.error(`screenshots in ${out}`);
  process.exit(1);
}
const blocking = reportAxe();
if (badResponses.length > 0) {
  console.error(`\nFAILED: failing responses or page errors:\n  ${badResponses.join("\n  ")}`);
  process.exit(1);
}
if (blocking > 0) {
  console.error(`\nFAILED: ${blocking} serious or critical accessibility violation(s), listed above`);
  process.exit(1);
}
console.log(`\nPASSED: screenshots in ${out}`);
