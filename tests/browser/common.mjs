// What the browser tests share (e2e.mjs, languages.mjs, registry.mjs): the Chromium they drive
// (Debian's /usr/bin/chromium through playwright-core; CIVIS_CHROMIUM overrides it), axe-core,
// the base-URL argument, the check that prints or fails, and the check of a page in one of the
// portal's languages (`lang`, `hreflang` alternates, the language switcher).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
export const AXE = require.resolve("axe-core/axe.min.js");

export const executablePath = process.env.CIVIS_CHROMIUM || "/usr/bin/chromium";
// Without the background-networking flags Chromium keeps calling Google services, which on a
// closed network means a stream of failing connections.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** axe-core impacts that fail a run. */
export const BLOCKING = new Set(["serious", "critical"]);

/** The portal's languages, English (unprefixed) first. */
export const LANGS = ["en", "fr", "de", "it", "es", "nl", "pl"];

/** Launches the headless Chromium. */
export function launch() {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** The base URL argument without its trailing slash; exits with the usage line if it is not one. */
export function baseUrl(arg, usage) {
  const base = (arg ?? "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(base)) {
    console.error(usage);
    process.exit(2);
  }
  return base;
}

export class Failure extends Error {}

/** Passes (and prints `ok`) or throws a Failure naming what was checked. */
export function check(cond, what) {
  if (!cond) throw new Failure(what);
  console.log(`  ok  ${what}`);
}

export const norm = (s) => (s ?? "").replace(/\s+/g, " ").trim();

/**
 * The page is in `lang`: `<html lang>`, the `hreflang` alternates to all seven versions and
 * x-default, and the language switcher with seven languages, this one marked.
 */
export async function checkLanguagePage(page, lang, name) {
  check((await page.getAttribute("html", "lang")) === lang, `${name}: <html lang="${lang}">`);
  const alternates = await page
    .locator('head link[rel="alternate"][hreflang]')
    .evaluateAll((ls) => ls.map((l) => l.getAttribute("hreflang")));
  check([...LANGS, "x-default"].every((h) => alternates.includes(h)), `${name}: hreflang alternates ${alternates.join(" ")}`);
  check((await page.locator("nav.languages a").count()) === LANGS.length, `${name}: the language switcher lists seven languages`);
  check(
    (await page.locator('nav.languages a[aria-current="true"]').getAttribute("lang")) === lang,
    `${name}: the switcher marks this language`,
  );
}

/**
 * The simple messages (`key = text` on one line) of a Fluent file of the portal, e.g.
 * `messages("registry/fr.ftl")`: the tests look for the translations the portal ships, not for
 * copies of them.
 */
export function messages(file) {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../crates/civis-web/locales");
  const out = new Map();
  for (const line of readFileSync(path.join(dir, file), "utf8").split("\n")) {
    const m = line.match(/^([a-z][a-z0-9_-]*) = (.+)$/);
    if (m && !m[2].includes("{")) out.set(m[1], m[2].trim());
  }
  return out;
}
