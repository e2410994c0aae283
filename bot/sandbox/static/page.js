// The Habitloop sandbox page: plays the members of a fake Telegram and shows its chats.
//
// Everything comes from the fake Telegram on this machine: its state and its messages
// through /sandbox/..., its changes live through the /sandbox/events stream, and the time
// controls through /sandbox/time/.... Nothing is fetched from anywhere else. The page is
// plain ES modules, loaded as they are: no build step.

import { newGroup, openPrivate } from "./chats.js";
import { setupComposer } from "./composer.js";
import { toggleInfo } from "./info.js";
import {
  $,
  attempt,
  defaultWriter,
  loadEverything,
  present,
  S,
  setNow,
  upsertMessage,
} from "./state.js";
import { checkProblemsSoon, setupTime } from "./timebar.js";
import { alertBox, render, toast } from "./ui.js";

let events = null;

function connect() {
  events = new EventSource("/sandbox/events");
  events.addEventListener("open", () => {
    $("offline").hidden = true;
    attempt(loadEverything);
  });
  // The browser reconnects by itself; until it does, say so instead of showing stale chats.
  events.addEventListener("error", () => { $("offline").hidden = false; });
  const on = (kind, handler) => events.addEventListener(kind, (event) => {
    const change = JSON.parse(event.data);
    setNow(change.now);
    handler(change);
    if (!["clock", "chat_action", "callback_answer"].includes(kind)) S.version += 1;
    render();
  });
  for (const kind of ["message", "edited", "deleted", "reaction"]) {
    on(kind, (change) => {
      upsertMessage(change.message);
      if (change.message.from_bot) {
        S.typing.delete(change.chat_id);
        checkProblemsSoon();
      }
    });
  }
  on("chat", (change) => {
    S.chats.set(change.chat.id, change.chat);
    if (S.open === null || (S.chats.get(S.open) || {}).migrated_to) {
      const moved = (S.chats.get(S.open) || {}).migrated_to;
      S.open = moved || change.chat.id;
    }
    // The one who writes stays someone who can write here.
    if (S.me === null || (change.chat.id === S.open && !present(change.chat, S.me))) {
      S.me = defaultWriter(S.open);
    }
  });
  on("user", (change) => S.users.set(change.user.id, change.user));
  on("callback_answer", (change) => {
    if (!change.text) return;
    const who = change.user ? `${change.user.first_name} · ` : "";
    if (change.show_alert) alertBox(change.text);
    else toast(`${who}${change.text}`);
  });
  on("chat_action", (change) => S.typing.set(change.chat_id, performance.now() + 5000));
  on("clock", () => {});
  on("reset", () => {
    S.chats.clear();
    S.messages.clear();
    S.users.clear();
    S.open = null;
    S.me = null;
    S.replyTo = null;
    S.topic = null;
    clearTimeout(S.reloadTimer);
    S.reloadTimer = setTimeout(() => attempt(loadEverything), 400);
  });
}

function setup() {
  setupComposer();
  setupTime();
  $("new-group").addEventListener("click", () => attempt(newGroup));
  $("open-private").addEventListener("click", () => attempt(openPrivate));
  $("info-toggle").addEventListener("click", toggleInfo);
  $("chat-title").addEventListener("click", toggleInfo);
  $("back").addEventListener("click", () => { document.body.dataset.view = "list"; });
  connect();
}

document.addEventListener("DOMContentLoaded", setup);
