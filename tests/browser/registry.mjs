#!/usr/bin/env node
// The practice registry in a real headless Chromium (Debian's /usr/bin/chromium, driven through
// playwright-core), with axe-core on the login, form, moderation and practice pages (issue 7):
// an editor signs in, records a practice linked to an indicator, a moderator publishes it, and
// the public page shows it next to the city's numbers.
//
//   node tests/browser/registry.mjs <base-url> <artefact-dir> <editor-email> <editor-password> \
//        <moderator-email> <moderator-password> [area] [indicator-id] [indicator-name]
//
// The accounts must exist (`civis user add`); the editor answers for `area` (default AT13).
// The flow, every step through the visible page (labels, roles, buttons), never by posting forms
// by hand:
//   0. a wrong password is refused (401, an alert, the e-mail kept, the password not echoed);
//   1. the editor signs in with the login form; the session cookie is HttpOnly and SameSite=Lax
//      (and Secure, kept by Chromium on http://127.0.0.1);
//   2. opens "Record a practice" from the account bar; the form is prefilled with the editor's
//      area; fills title, year, policy areas, target group, the indicator (a checkbox by its
//      name), a description with a <script> and an <img onerror>, results, evidence, a link;
//      "Save draft" leads to the practice page, status Draft;
//   3. an anonymous visitor (a separate browser context) does not find it: not in /registry,
//      not in the full-text search, 404 on its address, not in the JSON search;
//   4. the editor submits it for review (no Publish button for an editor) and signs out;
//   5. the moderator signs in in the same browser, opens Moderation, finds it in the queue and
//      publishes it there;
//   6. the anonymous visitor finds it in /registry, opens it and sees the practice and, under
//      "The city's numbers", the linked indicator for the city: a table with values in % and
//      their 95 % intervals, the years of the practice marked; the <script> text is shown as
//      text, not run (the context bypasses the CSP, so only escaping stops it); every value
//      shown is the portal's own observation for the city (/api/observations), same interval;
//   7. the same page in each of the seven languages (/fr/registry/practices/N, ...): `<html lang>`,
//      hreflang alternates and the switcher, the title marked with the record's own language, the
//      headings and column names of that language's registry file (locales/registry/<lang>.ftl,
//      read, not copied), the sign-in link under the language's prefix, the numbers in its
//      format; axe-core on each, where any violation fails (not only serious or critical ones).
// Every step is screenshotted into the artefact folder (prefix `registry-`); axe-core violations
// of impact serious or critical fail the run, as do unexpected 4xx/5xx responses and page errors.
//
// Exit status: 0 when everything passed, 1 otherwise. CIVIS_CHROMIUM overrides /usr/bin/chromium.

import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { AXE, BLOCKING, Failure, LANGS, check, checkLanguagePage, launch, messages, norm } from "./common.mjs";

const [baseArg, outArg, editorEmail, editorPassword, modEmail, modPassword] = process.argv.slice(2);
const base = (baseArg ?? "").replace(/\/+$/, "");
if (!/^https?:\/\/[^/]+$/.test(base) || !outArg || !editorEmail || !editorPassword || !modEmail || !modPassword) {
  console.error(
    "usage: node registry.mjs <base-url> <artefact-dir> <editor-email> <editor-password> <moderator-email> <moderator-password> [area] [indicator-id] [indicator-name]",
  );
  process.exit(2);
}
const AREA = process.argv[8] ?? "AT13";
const INDICATOR = process.argv[9] ?? "employment_rate";
const INDICATOR_NAME = process.argv[10] ?? "Employment rate";
const out = path.resolve(outArg);
const PERCENT = /\d+\.\d %/;
const INTERVAL = /\d+\.\d %\s*–\s*\d+\.\d %/;
// the practice runs since this year: the default database's Vienna estimates are for 2006
const SINCE = 2005;

// ---------------------------------------------------------------------------------------------
// helpers

let shot = 0;
const axeReport = [];
const badResponses = [];
/** Responses that are the point of a check ("404 /registry/practices/7"), not failures. */
const expected = new Set();

/** Screenshot of the page as it is now; with `axe`, an accessibility check too. */
async function record(page, name, { axe = true, strict = false } = {}) {
  shot += 1;
  const file = path.join(out, `registry-${String(shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (!axe) {
    console.log(`  --  ${name}: screenshot ${path.basename(file)}`);
    return;
  }
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(widths[0] <= widths[1], `${name}: the page does not scroll sideways (${widths[0]} px wide in ${widths[1]} px)`);
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
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html })),
    }));
    return { result, review };
  });
  axeReport.push({ page: name, url: page.url(), violations: result, strict });
  const blocking = result.filter((v) => strict || BLOCKING.has(v.impact)).length;
  console.log(
    `  --  ${name}: screenshot ${path.basename(file)}; axe: ${result.length} violation(s), ${blocking} serious or critical` +
      (review ? `; for manual review: ${review}` : ""),
  );
}

async function step(title, fn) {
  console.log(`\n== ${title}`);
  await fn();
}

async function text(page, selector) {
  return norm(await page.locator(selector).first().innerText());
}

function watch(page, who) {
  page.on("response", (r) => {
    const url = r.url();
    if (!url.startsWith(base) || r.status() < 400) return;
    const key = `${r.status()} ${url.slice(base.length)}`;
    if (!expected.has(key)) badResponses.push(`${who}: ${key}`);
  });
  page.on("pageerror", (e) => badResponses.push(`${who}: page error: ${e.message}`));
  page.on("dialog", (d) => {
    badResponses.push(`${who}: a dialog opened (a script ran): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
}

/** Clicks what `locator` finds and waits for the page it leads to (POST -> 303 -> GET). */
async function clickAndWait(page, locator, url) {
  await Promise.all([page.waitForURL(url, { waitUntil: "load" }), locator.click()]);
}

/** Signs in through the login form; ends on /registry with the account bar naming the user. */
async function signIn(page, email, password, role, shotName) {
  const account = page.getByRole("navigation", { name: "Registry account" });
  await page.goto(`${base}/registry`);
  await clickAndWait(page, account.getByRole("link", { name: "Sign in" }), `${base}/registry/login`);
  check((await text(page, "main h1")) === "Sign in", `${role}: the login page (h1 Sign in)`);
  if (shotName) await record(page, shotName);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await clickAndWait(page, page.locator("main").getByRole("button", { name: "Sign in" }), `${base}/registry`);
  const bar = norm(await account.innerText());
  check(bar.includes(`Signed in as ${email.toLowerCase()} (${role})`), `${role}: signed in: "${bar.slice(0, 90)}..."`);
  return account;
}

async function signOut(page, account, role) {
  await clickAndWait(page, account.getByRole("button", { name: "Sign out" }), `${base}/registry`);
  check(
    (await account.getByRole("link", { name: "Sign in" }).count()) === 1,
    `${role}: signed out (the account bar offers "Sign in" again)`,
  );
}

// ---------------------------------------------------------------------------------------------
// the flow

async function main() {
  await mkdir(out, { recursive: true });
  for (const f of await readdir(out)) {
    if (/^registry-.*\.png$/.test(f)) await rm(path.join(out, f), { force: true });
  }
  const started = Date.now();
  const browser = await launch();
  // bypassCSP: for axe-core; it also means that only escaping keeps the <script> in the
  // description from running (the portal's CSP would block it otherwise)
  const options = { bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: "en-GB" };
  const staffContext = await browser.newContext(options);
  const publicContext = await browser.newContext(options);
  for (const c of [staffContext, publicContext]) {
    c.setDefaultTimeout(30_000);
    c.setDefaultNavigationTimeout(60_000);
  }
  const page = await staffContext.newPage();
  const visitor = await publicContext.newPage();
  watch(page, "staff");
  watch(visitor, "anonymous");

  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const title = `Job coaching for refugees ${stamp}`;
  const marker = `xss-${stamp}`;
  const scriptText = `<script>window.__civisXss = "${marker}"; document.title = "${marker}";</script>`;
  const imgText = `<img src="/nowhere.png" onerror="window.__civisImg = 1">`;
  const description =
    `One coach for every 20 participants, language classes during working hours.\n\n` +
    `Markup typed by an editor stays text: ${scriptText} ${imgText}`;
  let id = null;
  let practiceUrl = null;
  let account = null;

  try {
    await step("axe-core finds what it should", async () => {
      await visitor.setContent('<html><body><img src="x.png"><a href="/x"></a></body></html>');
      await visitor.addScriptTag({ path: AXE });
      const ids = await visitor.evaluate(async () => (await axe.run()).violations.map((v) => v.id));
      check(ids.includes("image-alt") && ids.includes("link-name"), `axe-core reports a page with known faults: ${ids.join(", ")}`);
    });

    await step("the registry before: public list", async () => {
      await visitor.goto(`${base}/registry`);
      check((await text(visitor, "main h1")) === "Practices, needs and tools", "registry: h1 Practices, needs and tools");
      check((await visitor.getByRole("link", { name: title }).count()) === 0, "registry: the practice is not there yet");
      await record(visitor, "registry-before");
    });

    await step("a wrong password is refused", async () => {
      await page.goto(`${base}/registry/login`);
      await page.getByLabel("E-mail address").fill(editorEmail);
      await page.getByLabel("Password", { exact: true }).fill("not the password at all");
      expected.add("401 /registry/login");
      const [resp] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${base}/registry/login` && r.request().method() === "POST"),
        page.locator("main").getByRole("button", { name: "Sign in" }).click(),
      ]);
      await page.waitForLoadState("load");
      check(resp.status() === 401, `wrong password: the login answers ${resp.status()}`);
      const alert = norm(await page.getByRole("alert").innerText());
      check(alert === "Unknown e-mail address or wrong password.", `wrong password: "${alert}"`);
      check((await page.getByLabel("E-mail address").inputValue()) === editorEmail, "wrong password: the e-mail address is kept");
      check((await page.getByLabel("Password", { exact: true }).inputValue()) === "", "wrong password: the password is not sent back");
      const bar = page.getByRole("navigation", { name: "Registry account" });
      check((await bar.getByRole("link", { name: "Sign in" }).count()) === 1, "wrong password: not signed in");
      await record(page, "login-error");
      expected.delete("401 /registry/login");
    });

    await step("editor signs in", async () => {
      account = await signIn(page, editorEmail, editorPassword, "editor", "login");
      // all cookies: Playwright's URL filter drops Secure cookies for http://127.0.0.1
      const cookies = await staffContext.cookies();
      const session = cookies.find((c) => c.name === "civis_session");
      check(session !== undefined, "editor: a session cookie (civis_session) is set");
      check(session.httpOnly && session.sameSite === "Lax", `editor: the cookie is HttpOnly and SameSite=Lax (secure: ${session.secure})`);
      if (/^http:\/\/(127\.0\.0\.1|localhost)(:|$)/.test(base)) {
        // the production setting: Chromium keeps Secure cookies for http://localhost too
        check(session.secure, "editor: the cookie is Secure, and the browser keeps it on http://127.0.0.1");
      }
      check(
        (await page.evaluate(() => document.cookie)).includes("civis_session") === false,
        "editor: scripts cannot read the session cookie",
      );
      await record(page, "editor-signed-in", { axe: false });
    });

    await step("editor records a practice (form, Save draft)", async () => {
      await clickAndWait(page, account.getByRole("link", { name: "Record a practice" }), `${base}/registry/practices/new`);
      check((await text(page, "main h1")) === "Record a practice", "form: h1 Record a practice");
      const area = page.getByLabel("City or area code");
      check((await area.inputValue()) === AREA, `form: the area is prefilled with the editor's ${AREA}`);
      await record(page, "practice-form");

      await page.getByLabel("Title", { exact: true }).fill(title);
      await page.getByLabel("Running since (year)").fill(String(SINCE));
      const policy = page.getByRole("group", { name: "Policy areas" });
      await policy.getByLabel("Employment", { exact: true }).check();
      await policy.getByLabel("Language learning", { exact: true }).check();
      await page
        .getByRole("group", { name: "Target groups" })
        .getByLabel("Refugees and beneficiaries of international protection")
        .check();
      const indicators = page.getByRole("group", { name: "Indicators the practice aims to move" });
      const box = indicators.getByLabel(INDICATOR_NAME, { exact: true });
      check((await box.getAttribute("value")) === INDICATOR, `form: the indicator "${INDICATOR_NAME}" is the checkbox of ${INDICATOR}`);
      await box.check();
      await page.getByLabel("What the city did").fill(description);
      await page.getByLabel("Results (with numbers where there are any)").fill("Employment after 12 months: 41 % of participants.");
      await page.getByLabel("Evidence", { exact: true }).selectOption({ label: "Monitoring data (outputs, participants)" });
      await page.getByLabel("Transferability: what another city needs to repeat it").fill("Needs a public employment service partner.");
      await page.getByLabel("Links (one per line)").fill("https://www.wien.gv.at/english/social/integration/");
      await record(page, "practice-form-filled", { axe: false });

      await clickAndWait(page, page.getByRole("button", { name: "Save draft" }), /\/registry\/practices\/\d+$/);
      practiceUrl = page.url().slice(base.length);
      id = Number(practiceUrl.match(/(\d+)$/)[1]);
      check(true, `saved: the form led to the practice page ${practiceUrl}`);
      check((await text(page, "main h1")) === title, "draft: h1 is the title");
      const status = await text(page, "section.moderation");
      check(/Status: Draft/.test(status), `draft: "${status.slice(0, 60)}..."`);
      check((await page.getByRole("button", { name: "Submit for review" }).count()) === 1, "draft: the editor may submit it for review");
      check((await page.getByRole("button", { name: "Publish" }).count()) === 0, "draft: the editor has no Publish button");
      await record(page, "practice-draft-editor");
    });

    await step("anonymous: the draft is not public", async () => {
      await visitor.goto(`${base}/registry`);
      check((await visitor.getByRole("link", { name: title }).count()) === 0, "anonymous: the draft is not in /registry");
      await visitor.getByRole("searchbox", { name: "Search" }).fill(stamp);
      await clickAndWait(visitor, visitor.getByRole("search").getByRole("button", { name: "Search" }), /\/registry\?q=/);
      check(/Nothing matches/.test(await text(visitor, "main")), `anonymous: searching "${stamp}" finds nothing`);
      expected.add(`404 ${practiceUrl}`);
      const resp = await visitor.goto(`${base}${practiceUrl}`);
      check(resp.status() === 404, `anonymous: ${practiceUrl} answers ${resp.status()} (not public)`);
      check(!(await visitor.content()).includes(title), "anonymous: the 404 page does not show the title");
      const api = await visitor.request.get(`${base}/registry.json?q=${stamp}`);
      const found = (await api.json()).results ?? [];
      check(found.length === 0, `anonymous: /registry.json?q=${stamp} has ${found.length} results`);
      await record(visitor, "anonymous-draft-404", { axe: false });
    });

    await step("editor submits for review and signs out", async () => {
      await clickAndWait(page, page.getByRole("button", { name: "Submit for review" }), `${base}${practiceUrl}`);
      const status = await text(page, "section.moderation");
      check(/Status: Submitted for review/.test(status), `submitted: "${status.slice(0, 60)}..."`);
      check((await page.getByRole("button", { name: "Publish" }).count()) === 0, "submitted: still no Publish button for the editor");
      await record(page, "practice-submitted-editor", { axe: false });
      const resp = await visitor.goto(`${base}${practiceUrl}`);
      check(resp.status() === 404, `anonymous: a submitted practice is not public either (${resp.status()})`);
      await signOut(page, account, "editor");
      const after = await page.goto(`${base}/registry/practices/new`);
      check(after.ok() && page.url() === `${base}/registry/login`, "signed out: the form page now leads to the login page");
    });

    await step("moderator signs in and publishes from the queue", async () => {
      account = await signIn(page, modEmail, modPassword, "moderator", null);
      await clickAndWait(page, account.getByRole("link", { name: "Moderation" }), `${base}/registry/moderation`);
      check((await text(page, "main h1")) === "Waiting for review", "moderation: h1 Waiting for review");
      const row = page.locator("main table.queue tbody tr", { has: page.getByRole("link", { name: title }) });
      check((await row.count()) === 1, "moderation: the practice is in the queue");
      const rowText = norm(await row.innerText());
      check(rowText.includes(`(${AREA})`), `moderation: its row names the area: "${rowText.slice(0, 120)}..."`);
      await record(page, "moderation-queue");
      await clickAndWait(page, row.getByRole("button", { name: "Publish" }), `${base}${practiceUrl}`);
      const status = await text(page, "section.moderation");
      check(/Status: Published/.test(status), `published: "${status.slice(0, 60)}..."`);
      await record(page, "practice-published-moderator", { axe: false });
      await page.goto(`${base}/registry/moderation`);
      check((await page.getByRole("link", { name: title }).count()) === 0, "moderation: the queue no longer lists it");
      await signOut(page, account, "moderator");
    });

    await step("anonymous: the public practice page with the city's numbers", async () => {
      await visitor.goto(`${base}/registry`);
      const link = visitor.getByRole("link", { name: title });
      check((await link.count()) === 1, "anonymous: the practice is listed in /registry");
      const item = norm(await visitor.locator("ul.results li", { has: link }).innerText());
      check(item.includes(`(${AREA})`) && !/published|draft|submitted/.test(item.replace(title, "")), `anonymous: list item "${item}"`);
      await clickAndWait(visitor, link, `${base}${practiceUrl}`);
      check((await text(visitor, "main h1")) === title, "practice: h1 is the title");
      const meta = await text(visitor, "main p.meta");
      check(meta.includes(`(${AREA}, AT)`) && meta.includes(String(SINCE)), `practice: "${meta}"`);
      check((await visitor.locator("section.moderation").count()) === 0, "practice: no moderation controls for the public");
      const facts = await text(visitor, "main dl.facts");
      check(facts.includes("Employment") && facts.includes("Language learning"), `practice: policy areas in "${facts.slice(0, 100)}"`);

      // the city's numbers for the linked indicator
      const numbers = visitor.getByRole("region", { name: "The city's numbers" });
      check((await numbers.count()) === 1, "practice: a section \"The city's numbers\"");
      const tables = numbers.locator("table.series");
      const n = await tables.count();
      check(n >= 1, `practice: ${n} series table(s) for the linked indicator`);
      const caption = norm(await tables.first().locator("caption").innerText());
      check(caption.startsWith(INDICATOR_NAME), `practice: the first table is "${caption}"`);
      const heads = (await tables.first().locator("thead th").allInnerTexts()).map(norm);
      check(heads.join("|") === "Period|Value|95 % interval|Status", `practice: columns ${heads.join(" | ")}`);
      const rows = await tables.first().locator("tbody tr").evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => c.textContent.replace(/\s+/g, " ").trim())),
      );
      const valued = rows.filter((r) => PERCENT.test(r[1]));
      check(valued.length >= 1, `practice: ${valued.length} of ${rows.length} periods have a value in % (e.g. ${valued[0]?.join(" | ")})`);
      const allRows = (await tables.evaluateAll((ts) =>
        ts.flatMap((t) => [...t.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent.replace(/\s+/g, " ").trim()))),
      ));
      const withInterval = allRows.filter((r) => INTERVAL.test(r[2]));
      check(withInterval.length >= 1, `practice: ${withInterval.length} value(s) with a 95 % interval (e.g. ${withInterval[0]?.join(" | ")})`);
      for (const r of withInterval) {
        const v = Number(r[1].match(/(\d+\.\d)/)[1]);
        const [lo, hi] = r[2].match(/\d+\.\d/g).map(Number);
        if (!(lo <= v && v <= hi)) throw new Failure(`practice: the value ${r[1]} lies outside its interval ${r[2]}`);
      }
      check(true, "practice: every value lies inside its interval");
      const during = allRows.filter((r) => r[0].includes("practice running"));
      const years = allRows.map((r) => Number(r[0].slice(0, 4))).filter((y) => y >= SINCE);
      check(
        during.length >= 1 && during.length === years.length,
        `practice: the ${during.length} period(s) since ${SINCE} are marked "practice running" (${during.map((r) => r[0]).join("; ")})`,
      );
      check(
        (await numbers.getByRole("link", { name: INDICATOR_NAME }).getAttribute("href")) === `/indicators/${INDICATOR}`,
        `practice: a link to the indicator page /indicators/${INDICATOR}`,
      );

      // the markup in the description is text
      const body = await text(visitor, "article.practice");
      check(body.includes(scriptText), "practice: the <script> in the description is shown as text");
      check(body.includes(imgText), "practice: the <img onerror> in the description is shown as text");
      const injected = await visitor.evaluate(() => ({
        scripts: document.querySelectorAll("main script").length,
        imgs: document.querySelectorAll("article.practice img").length,
        xss: window.__civisXss ?? null,
        img: window.__civisImg ?? null,
        title: document.title,
      }));
      check(injected.scripts === 0 && injected.imgs === 0, "practice: no <script> or <img> element in the page's content");
      check(injected.xss === null && injected.img === null && !injected.title.includes(marker), `practice: nothing ran (title "${injected.title}")`);
      const html = await (await visitor.request.get(`${base}${practiceUrl}`)).text();
      check(html.includes("&lt;script&gt;") && !html.includes(scriptText), "practice: the HTML escapes the <script>");
      await record(visitor, "practice-public");

      const synthetic = (await numbers.locator("caption .synthetic").count()) > 0;
      if (synthetic) {
        const banner = visitor.getByRole("note").filter({ hasText: "Synthetic data" });
        check((await banner.count()) === 1, "practice: synthetic values, and the page says so in a banner");
      }

      // the same numbers as data, and the same as the portal's own figures for the city
      const json = await (await visitor.request.get(`${base}${practiceUrl}.json`)).json();
      const series = json.indicators.filter((s) => s.indicator === INDICATOR);
      check(series.length === n, `practice: the JSON twin has the same ${series.length} series of ${INDICATOR}`);
      check(json.practice.status === "published", "practice: the JSON twin says published");
      check(series.every((s) => s.geo === AREA), `practice: every series is the city's own (${AREA}), not a fallback`);
      const api = await (await visitor.request.get(`${base}/api/observations?indicator=${INDICATOR}&geo=${AREA}&limit=1000`)).json();
      check(api.next === null && api.items.length > 0, `api: ${api.items.length} observations of ${INDICATOR} for ${AREA}`);
      let compared = 0;
      for (const [i, s] of series.entries()) {
        const shown = (await tables.nth(i).locator("tbody tr").evaluateAll((trs) =>
          trs.map((tr) => [...tr.children].map((c) => c.textContent.replace(/\s+/g, " ").trim())),
        ));
        for (const [j, pt] of s.points.entries()) {
          if (pt.estimate === null) continue;
          const same = api.items.filter(
            (o) => o.group === s.group && o.time === pt.time && o.estimate === pt.estimate && o.ci_low === pt.ci_low && o.ci_high === pt.ci_high,
          );
          if (same.length === 0) throw new Failure(`practice: ${s.group_label} ${pt.time} = ${pt.estimate} is not among the portal's observations`);
          const want = `${pt.estimate.toFixed(1)} %`;
          if (!shown[j] || shown[j][1] !== want || !shown[j][0].startsWith(pt.time)) {
            throw new Failure(`practice: the table shows ${shown[j]?.join(" | ")} for ${s.group_label} ${pt.time}, the data say ${want}`);
          }
          compared += 1;
        }
      }
      check(compared >= n, `practice: all ${compared} values shown are the portal's observations for ${AREA} (value and interval)`);
    });

    await step("the registry in seven languages: the public practice page", async () => {
      for (const lang of LANGS) {
        const prefix = lang === "en" ? "" : `/${lang}`;
        const words = messages(`registry/${lang}.ftl`);
        const url = `${base}${prefix}${practiceUrl}`;
        const resp = await visitor.goto(url);
        check(resp.ok(), `${lang}: ${prefix}${practiceUrl} answers ${resp.status()}`);
        await checkLanguagePage(visitor, lang, lang);
        check((await text(visitor, "main h1")) === title, `${lang}: h1 is the practice's own title, not translated`);
        check((await visitor.getAttribute("main h1", "lang")) === "en", `${lang}: the title is marked as the record's language (en)`);
        const numbers = visitor.getByRole("region", { name: words.get("reg-city-numbers") });
        check((await numbers.count()) === 1, `${lang}: the section "${words.get("reg-city-numbers")}"`);
        const heads = (await numbers.locator("table.series").first().locator("thead th").allInnerTexts()).map(norm);
        const want = ["reg-period", "reg-value", "reg-interval", "reg-status-column"].map((k) => words.get(k));
        check(heads.join("|") === want.join("|"), `${lang}: columns ${heads.join(" | ")}`);
        const bar = visitor.getByRole("navigation", { name: words.get("reg-account") });
        const signIn = bar.getByRole("link", { name: words.get("reg-sign-in") });
        check((await signIn.getAttribute("href")) === `${prefix}/registry/login`, `${lang}: "${words.get("reg-sign-in")}" leads to ${prefix}/registry/login`);
        const values = await numbers.locator("table.series tbody td:nth-child(2)").allInnerTexts();
        const decimal = lang === "en" ? /^\d+\.\d/ : /^\d+,\d/;
        check(values.some((v) => decimal.test(norm(v))), `${lang}: values written as ${decimal} (${norm(values[0])})`);
        await record(visitor, `practice-${lang}`, { strict: true });
      }
    });
  } catch (e) {
    for (const [p, name] of [[page, "failure-staff"], [visitor, "failure-anonymous"]]) {
      await p.screenshot({ path: path.join(out, `registry-${name}.png`), fullPage: true }).catch(() => {});
    }
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
      const bad = r.strict || BLOCKING.has(v.impact);
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
  if (badResponses.length > 0) console.error(`\nfailing responses or page errors:\n  ${badResponses.join("\n  ")}`);
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
