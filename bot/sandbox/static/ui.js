// Small pieces of the page: elements, avatars, times, toasts, dialogs, and redrawing.

import { renderChatList, renderHeader, renderTopics } from "./chats.js";
import { renderReply, renderWriters } from "./composer.js";
import { renderInfo } from "./info.js";
import { renderMessages } from "./messages.js";
import { $, botName, S } from "./state.js";
import { renderClock } from "./timebar.js";

export const AVATAR_COLORS = [
  ["#ff885e", "#ff516a"], ["#ffcd6a", "#ffa85c"], ["#82b1ff", "#665fff"],
  ["#a0de7e", "#54cb68"], ["#53edd6", "#28c9b7"], ["#72d5fd", "#2a9ef1"], ["#e0a2f3", "#d669ed"],
];

export const NAME_COLORS = ["#e0594f", "#d0841e", "#7c5ce0", "#3c9a3c", "#1f9bab", "#2a85d4", "#c149b8"];

let renderQueued = false;

export function render() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    renderClock();
    renderChatList();
    renderHeader();
    renderTopics();
    renderMessages();
    renderWriters();
    renderReply();
    if (S.infoOpen) renderInfo();
  });
}

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "style") node.setAttribute("style", value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function colorIndex(id) {
  return Math.abs(Number(id)) % 7;
}

export function initials(name) {
  const words = (name || "?").trim().split(/\s+/);
  return ((words[0] || "?")[0] + (words.length > 1 ? words[1][0] : "")).toUpperCase();
}

export function botAvatar() {
  return avatar(S.bot ? S.bot.id : 0, botName());
}

export function avatar(id, name, size = "") {
  const [c1, c2] = AVATAR_COLORS[colorIndex(id)];
  return el("span", { class: `avatar ${size}`, style: `--c1:${c1};--c2:${c2}`, "aria-hidden": "true" }, initials(name));
}

const formatters = new Map();

export function format(unix, options) {
  const key = S.zone + JSON.stringify(options);
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.DateTimeFormat("en-GB", { timeZone: S.zone, ...options }));
  }
  return formatters.get(key).format(new Date(unix * 1000));
}

export const hhmm = (unix) => format(unix, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export const dayKey = (unix) => format(unix, { year: "numeric", month: "2-digit", day: "2-digit" });

export const dayTitle = (unix) => format(unix, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

export function fileSize(bytes) {
  if (bytes === null || bytes === undefined) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function toast(text, kind = "") {
  const node = el("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
  const shown = $("toasts");
  shown.style.top = `${toastTop()}px`;
  while (shown.children.length >= 2) shown.firstElementChild.remove();
  shown.append(node);
  setTimeout(() => node.remove(), kind === "error" ? 6000 : 3500);
}

// Toasts sit just under whatever heads the screen: the open chat's header, else the chat
// list's (on a phone only one of them shows), else the time bar. Its height changes with
// the width (the time bar wraps on a phone), so it is measured, not assumed.
export function toastTop() {
  const heads = [".chat-head", ".sidebar-head", "#timebar"].map((q) => document.querySelector(q));
  const shown = heads.find((head) => head && head.getClientRects().length);
  return Math.round(shown ? shown.getBoundingClientRect().bottom + 8 : 8);
}

// A small form in a dialog; resolves to the values, or null when cancelled.
export function ask(title, fields, confirm = "OK") {
  const dialog = $("dialog");
  const inputs = {};
  const rows = fields.map((field) => {
    if (field.note) return el("p", {}, field.note);
    if (field.options) {
      const select = el("select", { name: field.name }, field.options.map(([value, label]) => el("option", { value }, label)));
      inputs[field.name] = select;
      return el("label", {}, field.label, el("br"), select);
    }
    if (field.check) {
      const box = el("input", { type: "checkbox", name: field.name });
      box.checked = Boolean(field.value);
      inputs[field.name] = box;
      return el("label", { class: "check" }, box, field.label);
    }
    const input = el("input", { type: "text", name: field.name, placeholder: field.placeholder || "", "aria-label": field.label });
    input.value = field.value || "";
    inputs[field.name] = input;
    return el("label", {}, field.label, input);
  });
  return new Promise((resolve) => {
    const form = el("form", { method: "dialog" },
      el("h3", {}, title), rows,
      el("div", { class: "buttons" },
        el("button", { type: "button", value: "cancel", onclick: () => dialog.close("cancel") }, "Cancel"),
        el("button", { type: "submit", class: "primary", value: "ok" }, confirm)));
    dialog.replaceChildren(form);
    dialog.onclose = () => {
      if (dialog.returnValue !== "ok") {
        resolve(null);
        return;
      }
      const values = {};
      for (const [name, input] of Object.entries(inputs)) values[name] = input.type === "checkbox" ? input.checked : input.value;
      resolve(values);
    };
    dialog.returnValue = "";
    dialog.showModal();
    const first = Object.values(inputs).find((i) => i.type === "text");
    if (first) first.focus();
  });
}

export function alertBox(text) {
  ask(botName(), [{ note: text }], "OK");
}
