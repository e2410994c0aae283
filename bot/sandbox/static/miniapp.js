// The Mini App in a phone-sized panel: a button for it (a t.me/<bot>/<app> link, or the
// private chat's menu button) asks the fake Telegram to open it for the person writing, as
// Telegram does: the app's address with the initData it signed for them.

import { $, api, attempt, S } from "./state.js";
import { el } from "./ui.js";

const APP_LINK = /^https:\/\/t\.me\/[A-Za-z0-9_]+\/[A-Za-z0-9_]+(\?|$)/;

export function isAppLink(url) {
  return APP_LINK.test(url || "");
}

let opened = null; // what the panel shows: [link, dark]

function panel() {
  let box = $("mini-app");
  if (box) return box;
  box = el("div", { id: "mini-app", class: "mini-app", role: "dialog", "aria-label": "Mini App" },
    el("div", { class: "mini-app-head" },
      el("span", { class: "mini-app-title" }, "📱 Habitloop"),
      el("button", { type: "button", id: "mini-app-theme", title: "Light or dark, as Telegram's theme", onclick: () => attempt(() => openApp(opened[0], !opened[1])) }, "🌓"),
      el("button", { type: "button", id: "mini-app-close", "aria-label": "Close the app", onclick: closeApp }, "✕")),
    el("iframe", { id: "mini-app-frame", title: "Mini App" }));
  document.body.append(box);
  return box;
}

export async function openApp(link, dark = matchMedia("(prefers-color-scheme: dark)").matches) {
  const { url } = await api("POST", "/sandbox/web_app", { user_id: S.me, link, dark });
  opened = [link, dark];
  const box = panel();
  box.hidden = false;
  box.dataset.theme = dark ? "dark" : "light";
  $("mini-app-frame").src = url;
}

export function closeApp() {
  const box = $("mini-app");
  if (box) {
    box.hidden = true;
    $("mini-app-frame").src = "about:blank";
  }
}
