// The Mini App's page: reads what Telegram put in the address (initData, the theme), asks
// the bot's API (each call signed with initData) and draws three pages. No library.

const $ = (selector) => document.querySelector(selector);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

// -- what Telegram gave the page --------------------------------------------------------

function launchParams() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const fromHash = hash.get("tgWebAppData");
  if (fromHash) sessionStorage.setItem("initData", fromHash);
  const theme = hash.get("tgWebAppThemeParams");
  if (theme) sessionStorage.setItem("theme", theme);
  return {
    initData: sessionStorage.getItem("initData") || "",
    theme: JSON.parse(sessionStorage.getItem("theme") || "{}"),
  };
}

function applyTheme(theme) {
  const names = {
    bg_color: "--bg", text_color: "--text", hint_color: "--hint", link_color: "--link",
    button_color: "--button", button_text_color: "--button-text",
    secondary_bg_color: "--secondary-bg",
  };
  for (const [key, variable] of Object.entries(names)) {
    if (/^#[0-9a-fA-F]{3,8}$/.test(theme[key] || "")) {
      document.documentElement.style.setProperty(variable, theme[key]);
    }
  }
}

function tellTelegram(eventType) {
  const proxy = window.TelegramWebviewProxy;
  if (proxy && proxy.postEvent) proxy.postEvent(eventType, "{}");
  else if (window.parent !== window) {
    window.parent.postMessage(JSON.stringify({ eventType, eventData: {} }), "*");
  }
}

// -- the API ------------------------------------------------------------------------------

const launch = launchParams();
applyTheme(launch.theme);

async function api(path, body) {
  const response = await fetch(`/app/api/${path}`, {
    method: body ? "POST" : "GET",
    headers: { Authorization: `tma ${launch.initData}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = response.headers.get("Content-Type")?.includes("json") ? await response.json() : {};
  return { status: response.status, data };
}

let words = {};
let groups = [];
let group = null;
let page = "year";

function toast(text) {
  const box = $("#toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (box.hidden = true), 3500);
}

function tile(value, label, wide = false) {
  return el("div", { className: `tile${wide ? " wide" : ""}` }, el("b", { textContent: value }),
    el("span", { textContent: label }));
}

function isoDay(day) {
  return day.toISOString().slice(0, 10);
}

function addDays(iso, count) {
  const day = new Date(`${iso}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + count);
  return isoDay(day);
}

function weekday(iso) {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday first
}

function dateLabel(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString(document.documentElement.lang, {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
}

// -- My year -----------------------------------------------------------------------------

function showDay(iso, kind, note, proof, cell) {
  document.querySelectorAll(".cell.chosen").forEach((c) => c.classList.remove("chosen"));
  cell.classList.add("chosen");
  $("#day-title").textContent = dateLabel(iso);
  $("#day-kind").textContent = words[kind] || kind;
  // The media the day's check-in came with (a group that asks for proof, or one sent anyway).
  $("#day-proof").textContent = proof ? `📎 ${words.proof_of_day}: ${words[proof] || proof}` : "";
  $("#day-proof").hidden = !proof;
  $("#day-wrote-label").textContent = words.wrote;
  $("#day-note").textContent = note || words.nothing_written;
  $("#day").hidden = false;
}

function heatmap(year) {
  // A row a week, Monday first, newest week on top: every day big enough to tap.
  const grid = el("div", { className: "heat", id: "heatmap" });
  const start = addDays(year.first, -weekday(year.first));
  const rows = [];
  for (let monday = start; monday <= year.today; monday = addDays(monday, 7)) rows.push(monday);
  for (const monday of rows.reverse()) {
    const days = [...Array(7).keys()].map((i) => addDays(monday, i));
    const kinds = days.map((iso) =>
      year.days[Math.round((Date.parse(iso) - Date.parse(year.first)) / 86400000)]);
    const shown = (kind) => kind && kind !== "before_start";
    if (!kinds.some(shown)) continue; // a week before the first check-in: no row
    // A month's name beside the week its first day is in.
    const first = days.find((d) => d.endsWith("-01"));
    const month = first ? new Date(`${first}T00:00:00Z`).toLocaleDateString(
      document.documentElement.lang, { month: "short", timeZone: "UTC" }) : "";
    grid.append(el("span", { className: "month", textContent: month }));
    days.forEach((iso, i) => {
      const kind = kinds[i];
      if (!shown(kind)) {
        grid.append(el("span", { className: "cell none" }));
        return;
      }
      const cell = el("button", { className: `cell ${kind}`, type: "button" });
      cell.dataset.day = iso;
      cell.setAttribute("aria-label", `${iso}: ${words[kind] || kind}`);
      cell.addEventListener("click",
        () => showDay(iso, kind, year.notes[iso], year.proofs[iso], cell));
      grid.append(cell);
    });
  }
  return grid;
}

async function drawYear(main) {
  const { status, data } = await api(`year?group=${encodeURIComponent(group)}`);
  if (status !== 200) return failed(main, status);
  if (data.empty) return main.append(el("p", { className: "hint", textContent: words.no_checkins }));
  // A weekly target: the streaks are in weeks, and this week's progress comes first.
  const weekly = data.weekly;
  const tiles = el("div", { className: "tiles" },
    weekly ? Object.assign(tile(weekly.progress, weekly.target, true), { id: "week" }) : null,
    tile(weekly ? weekly.current : data.current, words.current_streak),
    tile(weekly ? weekly.best : data.best, words.best_streak),
    tile(`${data.never_twice[0]} / ${data.never_twice[1]}`, words.never_twice),
    tile(data.cheers, words.cheers), tile(data.freezes, words.freezes_held),
    tile(`${data.consistency[0]}/${data.consistency[1]}`, words.last_days));
  if (data.goal) tiles.append(tile(data.goal, words.goal, true));
  if (data.plan) tiles.append(tile(`${data.plan[0]} · ${data.plan[1]}`, words.plan, true));
  main.append(el("h2", { textContent: data.name }), tiles, heatmap(data));
}

// -- The group ---------------------------------------------------------------------------

function board(title, standings) {
  const table = el("table", { className: "board" });
  const rows = [...standings.rows];
  if (standings.own) rows.push(standings.own);
  for (const [place, name, value, week] of rows) {
    // This week, as /streak's row of dots: a square a day, oldest first.
    const dots = el("span", { className: "week" }, ...(week || []).map((kind) =>
      el("span", { className: `dot ${kind}`, title: words[kind] || kind })));
    table.append(el("tr", {}, el("td", { textContent: `${place}.` }),
      el("td", {}, el("span", { textContent: name }), week && week.length ? dots : null),
      el("td", { textContent: value })));
  }
  return [el("h2", { textContent: title }), table];
}

// The challenge as /challenge shows it: its day, and each member's progress (🔥 still in).
function challenge(shown) {
  const box = el("section", { id: "challenge" },
    el("h2", { textContent: `🏁 ${words.challenge}: ${shown.title}` }),
    el("p", { className: "hint", textContent: shown.when }));
  if (!shown.rows.length) box.append(el("p", { className: "hint", textContent: words.nobody_joined }));
  const table = el("table", { className: "board" });
  for (const [name, said, stillIn] of shown.rows) {
    table.append(el("tr", {}, el("td", { textContent: stillIn ? "🔥" : "·" }),
      el("td", { textContent: name }), el("td", { textContent: said })));
  }
  if (shown.rows.length) box.append(table);
  return box;
}

async function drawGroup(main) {
  const { status, data } = await api(`group?group=${encodeURIComponent(group)}`);
  if (status !== 200) return failed(main, status);
  main.append(el("h2", { textContent: data.title }), el("div", { className: "tiles" },
    tile(data.group_streak, words.group_streak), tile(data.own[0], words.current_streak)));
  if (data.mode !== "off") {
    main.append(...board(words.now, data.current), ...board(words.best, data.best));
  } else main.append(el("p", { className: "hint", textContent: words.board_off }));
  if (data.hidden) main.append(el("p", { className: "hint", textContent: words.you_are_hidden }));
  if (data.quest) main.append(el("p", { className: "quest", id: "quest", textContent: data.quest.said }));
  if (data.challenge) main.append(challenge(data.challenge));
  const grid = el("div", { className: "grid", id: "weeks" });
  const first = data.grid.length ? data.grid[0][0] : data.today;
  for (let i = 0; i < weekday(first); i++) grid.append(el("span", { className: "cell none" }));
  for (const [iso, showed, active] of data.grid) {
    const share = active ? showed / active : 0;
    const cell = el("span", { className: "cell", title: `${iso}: ${showed}/${active}` });
    if (showed) cell.style.background =
      `color-mix(in srgb, var(--c-done) ${Math.round(25 + 75 * share)}%, var(--bg))`;
    grid.append(cell);
  }
  main.append(el("h2", { textContent: words.last_weeks }), grid);
}

// -- Settings ----------------------------------------------------------------------------

function field(label, input) {
  const id = `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return [el("label", { htmlFor: id, textContent: label }), input];
}

function options(select, choices, chosen) {
  for (const [value, label] of choices) {
    select.append(el("option", { value, textContent: label, selected: value === chosen }));
  }
  return select;
}

function settingsForm(data) {
  const v = data.values;
  const form = el("form", { id: "settings-form" });
  const set = el("fieldset", { disabled: !data.admin });
  const cue = el("input", { type: "time", name: "cue", value: v.cue || "" });
  const recap = el("input", { type: "time", name: "recap", value: v.recap || "" });
  const zone = el("input", { type: "text", name: "timezone", value: v.timezone, autocomplete: "off" });
  const rest = el("div", { className: "days", id: "rest" });
  const restNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  restNames.forEach((name, d) => {
    rest.append(el("label", {}, el("input", { type: "checkbox", value: name,
      checked: v.rest.includes(d) }), words[`day${d}`]));
  });
  const every = el("input", { type: "number", min: 0, max: 365, value: v.freezes[0], name: "every" });
  const hold = el("input", { type: "number", min: 0, max: 10, value: v.freezes[1], name: "hold" });
  const maxBreak = el("input", { type: "number", min: 1, max: 365, value: v.break, name: "break" });
  const language = options(el("select", { name: "language" }), data.languages, v.language);
  const boardMode = options(el("select", { name: "board" }),
    [["top", words.board_top], ["all", words.board_all], ["off", words.board_off]], v.board);
  const weeklyDay = options(el("select", { name: "weekly_day" }),
    [["off", words.off], ...restNames.map((n, d) => [n, words[`day${d}`]])],
    v.weekly ? restNames[v.weekly[0]] : "off");
  const weeklyTime = el("input", { type: "time", value: v.weekly ? v.weekly[1] : "18:00" });
  const topic = el("select", { name: "topic" });
  options(topic, v.topic ? [["on", words.on], ["off", words.off]] : [["off", words.off]],
    v.topic ? "on" : "off");
  const onOff = (name, on) => options(el("select", { name }), [["on", words.on], ["off", words.off]],
    on ? "on" : "off");
  const fail = onOff("fail", v.fail);
  const mentions = onOff("mentions", v.mentions);
  const plans = onOff("plans", v.plans);
  const share = el("input", { type: "number", min: 0, max: 100, value: v.share, name: "share" });
  const target = options(el("select", { name: "target" }), data.targets,
    v.target === null ? "daily" : String(v.target));
  const week = options(el("select", { name: "week" }),
    data.week_starts.map(([d, label]) => [restNames[d], label]), restNames[v.week]);
  const proof = onOff("proof", v.proof);
  const freezeRow = el("div", { className: "row" }, el("div", {}, ...field(words.every_days, every)),
    el("div", {}, ...field(words.hold_at_most, hold)));
  const weeklyRow = el("div", { className: "row" }, weeklyDay, weeklyTime);
  set.append(...field(words.cue, cue), ...field(words.recap, recap), ...field(words.timezone, zone),
    el("label", { textContent: words.rest_days }), rest,
    el("label", { textContent: words.freezes }), freezeRow,
    ...field(words.max_break, maxBreak), ...field(words.language, language),
    ...field(words.board, boardMode), el("label", { textContent: words.weekly }), weeklyRow,
    ...field(words.topic_label, topic), el("p", { className: "hint", textContent: words.topic_how }),
    ...field(words.fail, fail), ...field(`${words.share} (%)`, share),
    ...field(words.mentions, mentions), ...field(words.plans, plans),
    ...field(words.target, target), ...field(words.week, week), ...field(words.proof, proof));
  form.append(set);
  if (!data.admin) {
    form.prepend(el("p", { className: "hint", id: "read-only", textContent: words.read_only }));
    return form;
  }
  set.append(el("button", { className: "save", type: "submit", textContent: words.save }));
  // What each field says, as /settings takes it.
  const asTyped = () => ({
    cue: cue.value || "off",
    recap: recap.value || "off",
    timezone: zone.value.trim(),
    rest: [...rest.querySelectorAll("input:checked")].map((i) => i.value).join(",") || "none",
    freezes: Number(every.value) > 0 && Number(hold.value) > 0 ? `${every.value} ${hold.value}` : "off",
    break: String(maxBreak.value),
    language: language.value,
    board: boardMode.value,
    weekly: weeklyDay.value === "off" ? "off" : `${weeklyDay.value} ${weeklyTime.value || "18:00"}`,
    topic: topic.value === "on" ? "here" : "off",
    fail: fail.value,
    share: String(share.value),
    mentions: mentions.value,
    plans: plans.value,
    // The week's first day before the target: a new target starts with the new weeks.
    week: week.value,
    target: target.value,
    proof: proof.value,
  });
  let before = asTyped();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const now = asTyped();
    for (const name of Object.keys(now)) {
      if (now[name] === before[name] || (name === "topic" && now[name] === "here")) continue;
      const { status, data: answer } = await api("settings", { group, name, value: now[name] });
      if (status !== 200) return toast(answer.said || words.failed);
    }
    before = now;
    toast(words.saved);
  });
  return form;
}

async function drawSettings(main) {
  const { status, data } = await api(`settings?group=${encodeURIComponent(group)}`);
  if (status !== 200) return failed(main, status);
  main.append(settingsForm(data));
}

// -- the frame ---------------------------------------------------------------------------

function failed(main, status) {
  main.append(el("p", { className: "hint", textContent: `${words.failed || "…"} (${status})` }));
}

const pages = { year: drawYear, group: drawGroup, settings: drawSettings };

async function draw() {
  const main = $("#page");
  main.replaceChildren();
  $("#day").hidden = true;
  document.querySelectorAll("#tabs button").forEach((b) =>
    b.setAttribute("aria-selected", String(b.dataset.page === page)));
  if (!group) return main.append(el("p", { className: "hint", textContent: words.no_groups }));
  await pages[page](main);
  main.dataset.ready = page;
}

async function start() {
  const { status, data } = await api("groups");
  if (status !== 200) {
    document.body.dataset.refused = String(status);
    $("#page").append(el("p", { className: "hint", textContent: `(${status})` }));
    return;
  }
  words = data.words;
  groups = data.groups;
  document.documentElement.lang = data.language;
  const labels = { year: words.my_year, group: words.the_group, settings: words.settings };
  document.querySelectorAll("#tabs button").forEach((b) => {
    b.textContent = labels[b.dataset.page];
    b.addEventListener("click", () => { page = b.dataset.page; draw(); });
  });
  const picker = $("#group");
  picker.setAttribute("aria-label", words.group);
  for (const g of groups) picker.append(el("option", { value: g.id, textContent: g.title }));
  group = data.start || (groups[0] && groups[0].id) || null;
  picker.value = group || "";
  picker.hidden = groups.length < 2;
  picker.addEventListener("change", () => { group = picker.value; draw(); });
  $("#day-close").addEventListener("click", () => ($("#day").hidden = true));
  tellTelegram("web_app_ready");
  await draw();
}

// Telegram opens the app again with a new address after "#" (another person, another
// theme): the page starts over from it.
window.addEventListener("hashchange", () => location.reload());
start();
