// The time machine: the fake clock, the jumps, reset, and the bot's Bot API problems.

import { $, api, applyTime, attempt, fakeNow, loadEverything, S } from "./state.js";
import { ask, format, hhmm, render } from "./ui.js";

export function renderClock() {
  const now = fakeNow();
  const day = format(now, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  $("clock").textContent = `${day.replace(",", "")} · ${hhmm(now)}`;
  $("zone").textContent = S.zone;
  $("time-actions").hidden = !S.timeControls;
  if (!$("travel-day").value && now) suggestMoment();
}

// The picker offers the next day at 09:00 until someone picks another moment. Its time is
// typed as HH:MM, 24-hour like every time on the page (a browser's own time field follows
// its language, 12-hour in American English).
export function suggestMoment() {
  const picker = $("travel-form");
  if (picker.dataset.touched) return;
  $("travel-day").value = localInputValue(fakeNow() + 86400).slice(0, 10);
  $("travel-time").value = "09:00";
}

export function localInputValue(unix) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", {
    timeZone: S.zone, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(unix * 1000)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export const JUMPS = {
  next_cue: ["next_cue", {}],
  next_recap: ["next_recap", {}],
  tomorrow: ["tomorrow", { at: "09:00" }],
  week: ["advance", { days: 7 }],
};

export async function jump(path, body) {
  const buttons = document.querySelectorAll("#time-actions button, #time-actions input");
  buttons.forEach((b) => { b.disabled = true; });
  $("busy").hidden = false;
  try {
    const result = await api("POST", `/sandbox/time/${path}`, body);
    applyTime(result);
    suggestMoment();
    render();
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    $("busy").hidden = true;
  }
}

export function setupTime() {
  for (const button of document.querySelectorAll("[data-jump]")) {
    const [path, body] = JUMPS[button.dataset.jump];
    button.addEventListener("click", () => attempt(() => jump(path, body)));
  }
  $("travel-form").addEventListener("input", () => { $("travel-form").dataset.touched = "yes"; });
  $("travel-form").addEventListener("submit", (event) => {
    event.preventDefault();
    attempt(async () => {
      await jump("travel", { to: `${$("travel-day").value}T${$("travel-time").value}` });
      delete $("travel-form").dataset.touched;
      suggestMoment();
    });
  });
  $("reset").addEventListener("click", () => attempt(async () => {
    const sure = await ask("Start over?", [{ note: resetWarning() }], "Reset");
    if (!sure) return;
    $("busy").hidden = false;
    try {
      const time = await api("POST", "/sandbox/reset");
      applyTime(time);
      delete $("travel-form").dataset.touched;
      suggestMoment();
      await loadEverything();
    } finally {
      $("busy").hidden = true;
    }
  }));
  setInterval(renderClock, 1000);
}

// What Reset loses; a file the sandbox was started on (--database) is named.
export function resetWarning() {
  const fresh = "A fresh group and this morning again.";
  if (!S.database) return `A fresh database, ${fresh.charAt(0).toLowerCase()}${fresh.slice(1)}`;
  return `This wipes ${S.database}: the bot's data kept there is lost. ${fresh}`;
}

let problemTimer = null;

export function checkProblemsSoon() {
  clearTimeout(problemTimer);
  problemTimer = setTimeout(checkProblems, 800);
}

export async function checkProblems() {
  try {
    const problems = await api("GET", "/sandbox/problems");
    const all = [...problems.spec_violations, ...problems.unsupported_calls];
    $("problems").hidden = !all.length;
    $("problems").textContent = all.length ? `The bot misused the Bot API:\n${all.join("\n")}` : "";
  } catch { /* shown when the next change comes */ }
}
