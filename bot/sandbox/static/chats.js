// The chat list, the open chat's header and forum topics, and making chats.

import {
  $,
  api,
  attempt,
  botName,
  chatKind,
  chatTitle,
  defaultWriter,
  fullName,
  lastMessage,
  people,
  present,
  S,
  visibleChats,
} from "./state.js";
import { preview } from "./telegram.js";
import { ask, avatar, botAvatar, el, hhmm, render } from "./ui.js";

export function renderChatList() {
  const list = $("chat-list");
  const items = visibleChats().map((chat) => {
    const last = lastMessage(chat.id);
    const id = chat.type === "private" ? chat.user_id : chat.id;
    const icon = chat.type === "private" ? botAvatar() : avatar(id, chat.title);
    return el("li", {
      class: `chat-item${chat.id === S.open ? " active" : ""}`,
      "data-chat": chat.id,
      role: "button",
      tabindex: "0",
      onclick: () => openChat(chat.id),
    },
    icon,
    el("div", { class: "chat-item-body" },
      el("div", { class: "chat-item-top" },
        el("span", { class: "chat-item-name" }, `${chat.is_forum ? "💬 " : ""}${chatTitle(chat)}`),
        last ? el("span", { class: "chat-item-time" }, hhmm(last.date)) : null),
      el("div", { class: "chat-item-last" }, last ? preview(last, chat) : chatKind(chat))));
  });
  list.replaceChildren(...items);
  const me = S.users.get(S.me);
  $("open-private").textContent = `💬 Message the bot privately${me ? ` as ${me.first_name}` : ""}`;
}

export function renderHeader() {
  const chat = S.chats.get(S.open);
  $("chat-name").textContent = chat ? chatTitle(chat) : "No chat yet";
  const avatarBox = $("chat-avatar");
  if (chat) {
    const fresh = chat.type === "private" ? botAvatar() : avatar(chat.id, chat.title);
    avatarBox.replaceWith(Object.assign(fresh, { id: "chat-avatar" }));
  }
  const sub = $("chat-sub");
  const typingUntil = S.typing.get(S.open) || 0;
  if (typingUntil > performance.now()) {
    sub.textContent = `${botName()} is typing…`;
    sub.className = "chat-sub typing";
    setTimeout(render, typingUntil - performance.now() + 50);
  } else if (chat) {
    sub.className = "chat-sub";
    if (chat.type === "private") {
      sub.textContent = chat.blocked ? "bot blocked" : "bot";
    } else {
      const count = people(chat).length + (present(chat, S.bot && S.bot.id) ? 1 : 0);
      const kind = chat.is_forum ? "forum" : chat.type === "group" ? "group" : "supergroup";
      sub.textContent = `${count} members · ${kind}${present(chat, S.bot && S.bot.id) ? "" : " · bot not here"}`;
    }
  } else {
    sub.textContent = "";
  }
}

export function renderTopics() {
  const chat = S.chats.get(S.open);
  const box = $("topics");
  if (!chat || !chat.is_forum) {
    box.hidden = true;
    S.topic = null;
    return;
  }
  box.hidden = false;
  const topics = Object.entries(chat.topics);
  if (S.topic !== null && !chat.topics[String(S.topic)]) S.topic = null;
  const tab = (thread, name, closed) => el("button", {
    type: "button",
    class: `topic${S.topic === thread ? " active" : ""}${closed ? " closed" : ""}`,
    onclick: () => { S.topic = thread; S.replyTo = null; render(); },
  }, `# ${name}`);
  box.replaceChildren(
    tab(null, "General", false),
    ...topics.map(([id, t]) => tab(Number(id), t.name, t.closed)),
    el("button", { type: "button", class: "topic", title: "New topic", onclick: () => attempt(newTopic) }, "+ Topic"),
  );
}

export function openChat(chatId) {
  S.open = chatId;
  S.topic = null;
  S.replyTo = null;
  const chat = S.chats.get(chatId);
  if (chat && chat.type === "private") S.me = chat.user_id; // only its owner writes there
  else S.me = defaultWriter(chatId);
  // Opened (again) from the list, a chat shows its latest messages, as Telegram's apps do.
  S.showLatest = true;
  document.body.dataset.view = "chat";
  render();
}

export async function openPrivate() {
  if (S.me === null) throw new Error("pick someone first");
  const chat = await api("POST", `/sandbox/users/${S.me}/private`);
  S.chats.set(chat.id, chat);
  if (!S.messages.has(chat.id)) S.messages.set(chat.id, new Map());
  openChat(chat.id);
}

export async function newGroup() {
  const me = S.users.get(S.me);
  const others = [...S.users.values()].filter((u) => u.id !== S.me);
  const values = await ask(`New group${me ? ` created by ${me.first_name}` : ""}`, [
    { name: "title", label: "Group name", placeholder: "Evening Runners" },
    { name: "kind", label: "Kind", options: [["supergroup", "Supergroup"], ["group", "Basic group (can be upgraded)"], ["forum", "Forum with topics"]] },
    ...others.map((u) => ({ name: `user${u.id}`, check: true, label: `Add ${fullName(u)}`, value: true })),
    { name: "bot", check: true, label: `Add ${botName()}`, value: true },
  ], "Create");
  if (!values) return;
  if (!values.title.trim()) throw new Error("give the group a name");
  if (S.me === null) throw new Error("there is nobody to create it");
  const chat = await api("POST", "/sandbox/groups", {
    title: values.title.trim(), creator_id: S.me,
    supergroup: values.kind !== "group", forum: values.kind === "forum",
  });
  S.chats.set(chat.id, chat);
  for (const user of others) {
    if (values[`user${user.id}`]) {
      await api("POST", `/sandbox/chats/${chat.id}/members`, { user_id: user.id, status: "member", by_id: S.me });
    }
  }
  if (values.bot) await api("POST", `/sandbox/chats/${chat.id}/add_bot`, { by_id: S.me });
  openChat(chat.id);
}

export async function newTopic() {
  const chat = S.chats.get(S.open);
  const values = await ask("New topic", [{ name: "name", label: "Topic name", placeholder: "Daily check-ins" }], "Create");
  if (!values || !values.name.trim()) return;
  const name = values.name.trim();
  const created = await api("POST", `/sandbox/chats/${chat.id}/topics`, { name });
  // Shown at once: the stream's word on the new topic may come a moment after this answer.
  const known = S.chats.get(chat.id);
  if (known && !known.topics[String(created.thread_id)]) {
    known.topics[String(created.thread_id)] = { name, closed: false };
  }
  S.topic = created.thread_id;
  S.version += 1;
  render();
}
