// Who writes, what they reply to, and the box they type in.

import { addPerson } from "./info.js";
import { openApp } from "./miniapp.js";
import {
  $,
  api,
  attempt,
  chatMessages,
  fullName,
  people,
  present,
  roleBadge,
  S,
  userName,
} from "./state.js";
import { plainText } from "./telegram.js";
import { avatar, el, render } from "./ui.js";

export function renderWriters() {
  const chat = S.chats.get(S.open);
  const box = $("writers");
  const writers = people(chat);
  const chips = writers.map((user) => {
    const role = chat && chat.type !== "private" ? roleBadge(chat, user.id) : null;
    return el("button", {
      type: "button",
      class: `writer${user.id === S.me ? " active" : ""}`,
      "data-user": user.id,
      "aria-pressed": user.id === S.me ? "true" : "false",
      title: `Write as ${fullName(user)}`,
      onclick: () => { S.me = user.id; render(); $("text").focus(); },
    }, avatar(user.id, user.first_name, "tiny"), user.first_name, role ? el("span", { class: "role" }, role) : null);
  });
  const canAdd = chat && chat.type !== "private" && !chat.migrated_to;
  const add = el("button", { type: "button", class: "writer add", title: "Add someone to this group", onclick: () => attempt(addPerson) }, "+ Person");
  box.replaceChildren(el("span", { class: "writers-label" }, "Writing as"), ...chips, ...(canAdd ? [add] : []));
  // In a private chat, the bot's menu button opens its Mini App (as Telegram shows it).
  const app = S.menuButton && S.menuButton.type === "web_app" ? S.menuButton : null;
  const appButton = $("app-menu-button");
  appButton.hidden = !(app && chat && chat.type === "private");
  if (app) {
    appButton.textContent = app.text;
    appButton.onclick = () => attempt(() => openApp(app.web_app.url));
  }
  const canWrite = chat && present(chat, S.me);
  $("compose").classList.toggle("disabled", !canWrite);
  $("text").placeholder = canWrite ? `Message as ${userName(S.me)}` : "Pick who writes";
}

export function renderReply() {
  const box = $("reply-preview");
  const chat = S.chats.get(S.open);
  const target = S.replyTo && chat ? chatMessages(chat.id).find((m) => m.message_id === S.replyTo) : null;
  if (!target) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  $("reply-name").textContent = `Reply to ${target.sender ? fullName(target.sender) : chat.title}`;
  $("reply-text").textContent = plainText(target, chat);
}

export function startReply(messageId) {
  S.replyTo = messageId;
  render();
  $("text").focus();
}

export async function send(text) {
  const chat = S.chats.get(S.open);
  if (!chat) throw new Error("open a chat first");
  if (!present(chat, S.me)) throw new Error(`${userName(S.me)} is not in this chat: pick someone who is`);
  const body = { user_id: S.me, text };
  if (S.replyTo) body.reply_to = S.replyTo;
  if (S.topic !== null) body.thread_id = S.topic;
  const target = chat.type === "private" ? chat.user_id : chat.id;
  await api("POST", `/sandbox/chats/${target}/messages`, body);
  S.replyTo = null;
  render();
}

// A photo: one of the fake's built-in samples, with what is typed as its caption (so
// "/done ran 5k" and a picture make a check-in with proof), replying where a text would.
export async function sendPhoto(sample, caption) {
  const chat = S.chats.get(S.open);
  if (!chat) throw new Error("open a chat first");
  if (!present(chat, S.me)) throw new Error(`${userName(S.me)} is not in this chat: pick someone who is`);
  const body = { user_id: S.me, sample };
  if (caption) body.caption = caption;
  if (S.replyTo) body.reply_to = S.replyTo;
  if (S.topic !== null) body.thread_id = S.topic;
  const target = chat.type === "private" ? chat.user_id : chat.id;
  await api("POST", `/sandbox/chats/${target}/photos`, body);
  S.replyTo = null;
  render();
}

let samples = null;

async function showPhotoPicker() {
  const picker = $("photo-picker");
  samples = samples || await api("GET", "/sandbox/samples");
  picker.replaceChildren(...samples.map((name) => el("button", {
    type: "button",
    role: "menuitem",
    "aria-label": `Send the ${name} photo`,
    onclick: () => attempt(async () => {
      picker.hidden = true;
      const text = $("text");
      await sendPhoto(name, text.value.trim());
      text.value = "";
    }),
  }, el("img", { src: `/sandbox/samples/${name}.png`, alt: "" }), name)));
  hideCommands();
  picker.hidden = false;
}

export function setupComposer() {
  const text = $("text");
  const submit = () => attempt(async () => {
    const value = text.value.trim();
    if (!value) return;
    await send(value);
    text.value = "";
    autosize();
    hideCommands();
  });
  $("compose").addEventListener("submit", (event) => { event.preventDefault(); submit(); });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
    if (event.key === "Escape") {
      S.replyTo = null;
      hideCommands();
      render();
    }
  });
  const autosize = () => {
    text.style.height = "auto";
    text.style.height = `${Math.min(text.scrollHeight, 140)}px`;
  };
  text.addEventListener("input", () => {
    autosize();
    const value = text.value;
    if (/^\/[a-z_]*$/i.test(value)) showCommands(value.slice(1));
    else hideCommands();
  });
  $("menu-button").addEventListener("click", () => {
    const menu = $("command-menu");
    if (menu.hidden) showCommands("");
    else hideCommands();
  });
  $("reply-cancel").addEventListener("click", () => { S.replyTo = null; render(); });
  $("attach-button").addEventListener("click", () => {
    if ($("photo-picker").hidden) attempt(showPhotoPicker);
    else $("photo-picker").hidden = true;
  });
  document.addEventListener("click", (event) => {
    const menu = $("command-menu");
    if (!menu.hidden && !menu.contains(event.target) && !$("menu-button").contains(event.target)) {
      hideCommands();
    }
    const picker = $("photo-picker");
    if (!picker.hidden && !picker.contains(event.target) && !$("attach-button").contains(event.target)) {
      picker.hidden = true;
    }
  });
}

// The "/" menu is the one Telegram would show this person in this chat: the bot sets one
// for groups, one for their admins and one for private chats (setMyCommands), in each
// language; the fake picks it as Telegram does.
let menuAsked = 0;

export async function commandsFor(chat, userId) {
  const target = chat.type === "private" ? chat.user_id : chat.id;
  return api("GET", `/sandbox/chats/${target}/commands?user_id=${userId}`);
}

export function showCommands(prefix) {
  const chat = S.chats.get(S.open);
  if (!chat || S.me === null) return;
  const asked = ++menuAsked;
  attempt(async () => {
    const commands = await commandsFor(chat, S.me);
    if (asked === menuAsked) listCommands(commands, prefix);
  });
}

// Hidden, and a menu still on its way is not shown.
export function hideCommands() {
  menuAsked += 1;
  $("command-menu").hidden = true;
}

function listCommands(commands, prefix) {
  const menu = $("command-menu");
  const matching = commands.filter((c) => c.command.startsWith(prefix.toLowerCase()));
  if (!matching.length) {
    menu.hidden = true;
    return;
  }
  menu.replaceChildren(...matching.map((c) => el("li", {
    onclick: () => {
      $("text").value = `/${c.command} `;
      menu.hidden = true;
      $("text").focus();
    },
  }, el("b", {}, `/${c.command}`), el("span", {}, c.description))));
  menu.hidden = false;
}
