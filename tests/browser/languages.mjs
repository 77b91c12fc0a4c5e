#!/usr/bin/env node
// The portal in its seven languages, in a real headless Chromium (issue 19):
//
//   node tests/browser/languages.mjs <base-url> [artefact-dir]
//
// For each language one page (Austria's area profile: /areas/AT, /fr/areas/AT, ...): the
// document's `lang`, the `hreflang` alternates to all seven versions, the language switcher,
// a translated heading, links that stay in the language, the page's numbers in the language's
// format (decimal comma outside English), a screenshot, and axe-core: any violation of impact
// `serious` or `critical` fails the run. Then a browser that prefers French (`Accept-Language`
// from the context's locale) is offered the French page on the English one and follows it.
//
// Exit status: 0 when everything passed, 1 otherwise. CIVIS_CHROMIUM as in e2e.mjs.

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { AXE, BLOCKING, Failure, baseUrl, check, checkLanguagePage, launch } from "./common.mjs";

const base = baseUrl(process.argv[2], "usage: node languages.mjs <base-url> [artefact-dir]");
const out = path.join(path.resolve(process.argv[3] ?? "target/browser-artifacts"), "languages");

// language, the profile's "Similar areas" link text, a percentage as that language writes it
const LANGUAGES = [
  ["en", "Similar areas", /\d\.\d %/],
  ["fr", "Territoires similaires", /\d,\d\u00a0%/],
  ["de", "Ähnliche Gebiete", /\d,\d\u00a0%/],
  ["it", "Territori simili", /\d,\d%/],
  ["es", "Territorios similares", /\d,\d\u00a0%/],
  ["nl", "Vergelijkbare gebieden", /\d,\d%/],
  ["pl", "Podobne obszary", /\d,\d%/],
];


let blocking = 0;
async function axeCheck(page, name) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
  const serious = violations.filter((v) => BLOCKING.has(v.impact));
  for (const v of serious) console.log(`  !!  ${name}: ${v.impact} ${v.id} at ${v.nodes.slice(0, 5).join(", ")}`);
  blocking += serious.length;
  console.log(`  --  ${name}: axe: ${violations.length} violation(s), ${serious.length} serious or critical`);
}

async function main() {
  await mkdir(out, { recursive: true });
  const browser = await launch();
  try {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    for (const [lang, similar, percent] of LANGUAGES) {
      const prefix = lang === "en" ? "" : `/${lang}`;
      console.log(`\n== ${lang}: ${prefix}/areas/AT`);
      const resp = await page.goto(`${base}${prefix}/areas/AT`);
      check(resp.ok(), `${lang}: the page answers ${resp.status()}`);
      await checkLanguagePage(page, lang, lang);
      const link = page.getByRole("link", { name: similar, exact: true });
      check((await link.getAttribute("href")) === `${prefix}/peers/AT`, `${lang}: "${similar}" links to ${prefix}/peers/AT`);
      const main = await page.locator("main").innerText();
      check(percent.test(main), `${lang}: percentages written as ${percent}`);
      await page.screenshot({ path: path.join(out, `${lang}-areas-AT.png`), fullPage: true });
      await axeCheck(page, `${lang} /areas/AT`);
    }
    await context.close();

    console.log("\n== a browser that prefers French");
    const fr = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
    const p = await fr.newPage();
    await p.goto(`${base}/areas/AT`);
    check((await p.getAttribute("html", "lang")) === "en", "the unprefixed page stays English");
    const offer = p.getByRole("link", { name: "Cette page en français" });
    check((await offer.count()) === 1, 'it offers "Cette page en français"');
    await axeCheck(p, "en /areas/AT with the French offer");
    await offer.click();
    await p.waitForURL(`${base}/fr/areas/AT`);
    check((await p.getAttribute("html", "lang")) === "fr", "the link leads to the French page");
    await fr.close();
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (e) {
  console.error(`\nFAILED: ${e instanceof Failure ? e.message : e.stack ?? e}`);
  process.exit(1);
}
if (blocking > 0) {
  console.error(`\nFAILED: ${blocking} serious or critical accessibility violation(s), listed above`);
  process.exit(1);
}
console.log(`\nPASSED: screenshots in ${out}`);
