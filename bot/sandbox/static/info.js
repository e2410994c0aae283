// The chat's info panel: members, admins, the bot, and what can be done to the group.

import { newTopic, openChat } from "./chats.js";
import {
  $,
  api,
  attempt,
  botName,
  chatKind,
  fullName,
  isAdmin,
  people,
  present,
  S,
  userName,
} from "./state.js";
import { ask, avatar, botAvatar, el, render } from "./ui.js";

export async function addPerson() {
  const chat = S.chats.get(S.open);
  if (!chat) return;
  const outside = [...S.users.values()].filter((u) => !present(chat, u.id));
  const values = await ask("Add someone to the group", [
    ...(outside.length ? [{ name: "existing", label: "Someone who is not here yet", options: [["", "— a new person —"], ...outside.map((u) => [String(u.id), fullName(u)])] }] : []),
    { name: "first_name", label: "A new person's first name", placeholder: "Dana" },
    { name: "username", label: "Username (optional)", placeholder: "dana_runs" },
  ], "Add");
  if (!values) return;
  let userId = values.existing ? Number(values.existing) : null;
  if (userId === null) {
    if (!values.first_name.trim()) throw new Error("give the new person a first name");
    const user = await api("POST", "/sandbox/users", { first_name: values.first_name.trim(), username: values.username.trim() || null });
    S.users.set(user.id, user);
    userId = user.id;
  }
  const by = present(chat, S.me) ? S.me : null;
  await api("POST", `/sandbox/chats/${chat.id}/members`, { user_id: userId, status: "member", by_id: by });
  S.me = userId;
  render();
}

export async function renamePerson(userId) {
  const user = S.users.get(userId);
  const values = await ask(`Rename ${fullName(user)}`, [
    { name: "first_name", label: "First name", value: user.first_name },
    { name: "last_name", label: "Last name", value: user.last_name || "" },
    { name: "username", label: "Username", value: user.username || "" },
  ], "Save");
  if (!values) return;
  await api("POST", `/sandbox/users/${userId}`, {
    first_name: values.first_name, last_name: values.last_name || null, username: values.username || null,
  });
}

export function adminOf(chat) {
  if (present(chat, S.me) && isAdmin(chat, S.me)) return S.me;
  const owner = Object.entries(chat.members).find(([, status]) => status === "creator");
  return owner ? Number(owner[0]) : S.me;
}

export function renderInfo() {
  const chat = S.chats.get(S.open);
  const box = $("info");
  if (!chat) {
    box.replaceChildren();
    return;
  }
  const close = el("button", { type: "button", class: "icon-button", "aria-label": "Close", onclick: toggleInfo }, "✕");
  const head = el("div", { class: "info-head" }, el("h3", {}, chat.type === "private" ? "Chat info" : "Group info"), close);
  if (chat.type === "private") {
    box.replaceChildren(head,
      el("div", { class: "info-card" }, botAvatar(), el("div", { class: "name" }, botName()), el("div", { class: "sub" }, `@${S.bot ? S.bot.username : ""} · with ${userName(chat.user_id)}`)),
      el("div", { class: "info-section" },
        el("button", { type: "button", class: `action${chat.blocked ? "" : " danger"}`, onclick: () => attempt(() => api("POST", `/sandbox/users/${chat.user_id}/${chat.blocked ? "unblock" : "block"}`)) }, chat.blocked ? "Unblock the bot" : "Block the bot")));
    return;
  }
  const botId = S.bot ? S.bot.id : null;
  const actor = adminOf(chat);
  const memberRow = (user, isBot) => {
    const status = chat.members[String(user.id)];
    const role = status === "creator" ? "owner" : status === "administrator" ? "admin" : "";
    const actions = [];
    if (status === "member") actions.push(el("button", { type: "button", class: "chip-button", onclick: () => attempt(() => api("POST", `/sandbox/chats/${chat.id}/promote`, { user_id: user.id, by_id: actor })) }, "Make admin"));
    if (status === "administrator") actions.push(el("button", { type: "button", class: "chip-button", onclick: () => attempt(() => api("POST", `/sandbox/chats/${chat.id}/demote`, { user_id: user.id, by_id: actor })) }, "Remove admin"));
    if (!isBot) actions.push(el("button", { type: "button", class: "chip-button", title: "Rename", onclick: () => attempt(() => renamePerson(user.id)) }, "Rename"));
    if (status !== "creator") {
      const remove = isBot
        ? () => attempt(() => api("POST", `/sandbox/chats/${chat.id}/remove_bot`, { by_id: actor }))
        : () => attempt(() => api("POST", `/sandbox/chats/${chat.id}/members`, { user_id: user.id, status: "kicked", by_id: actor }));
      actions.push(el("button", { type: "button", class: "chip-button danger", onclick: remove }, "Remove"));
    }
    return el("div", { class: "member", "data-member": user.id },
      avatar(user.id, user.first_name, "small"),
      el("div", { class: "member-body" },
        el("div", { class: "member-name" }, fullName(user), role ? el("span", { class: "member-role" }, ` · ${role}`) : null),
        el("div", { class: "member-sub" }, isBot ? "bot" : user.username ? `@${user.username}` : "no username"),
        el("div", { class: "member-actions" }, actions)));
  };
  const members = people(chat).map((u) => memberRow(u, false));
  const botHere = present(chat, botId);
  if (botHere && S.bot) members.unshift(memberRow(S.bot, true));
  const actions = [];
  if (!botHere && !chat.migrated_to) actions.push(el("button", { type: "button", class: "action", onclick: () => attempt(() => api("POST", `/sandbox/chats/${chat.id}/add_bot`, { by_id: actor })) }, `Add ${botName()} to the group`));
  actions.push(el("button", { type: "button", class: "action", onclick: () => attempt(addPerson) }, "Add a person"));
  if (chat.type === "group") actions.push(el("button", { type: "button", class: "action", onclick: () => attempt(async () => { const r = await api("POST", `/sandbox/chats/${chat.id}/upgrade`); openChat(r.chat_id); }) }, "Upgrade to a supergroup"));
  if (chat.is_forum) actions.push(el("button", { type: "button", class: "action", onclick: () => attempt(newTopic) }, "New topic"));
  if (chat.is_forum && S.topic !== null) {
    const topic = chat.topics[String(S.topic)];
    if (topic) {
      actions.push(el("button", { type: "button", class: "action", onclick: () => attempt(() => api("POST", `/sandbox/chats/${chat.id}/topics/${S.topic}/${topic.closed ? "reopen" : "close"}`)) }, `${topic.closed ? "Reopen" : "Close"} “${topic.name}”`));
      actions.push(el("button", { type: "button", class: "action danger", onclick: () => attempt(() => api("POST", `/sandbox/chats/${chat.id}/topics/${S.topic}/delete`)) }, `Delete “${topic.name}”`));
    }
  }
  if (isAdmin(chat, S.me)) actions.push(el("button", { type: "button", class: "action", onclick: () => attempt(() => sendAnonymously(chat)) }, "Write as the group (anonymous admin)"));
  box.replaceChildren(head,
    el("div", { class: "info-card" }, avatar(chat.id, chat.title), el("div", { class: "name" }, chat.title), el("div", { class: "sub" }, `${chatKind(chat)} · ${members.length} members`)),
    el("div", { class: "info-section" }, el("h4", {}, "Members"), members),
    el("div", { class: "info-section" }, el("h4", {}, "Group"), actions));
}

export async function sendAnonymously(chat) {
  const values = await ask("Write as the group", [{ name: "text", label: "Message (shown as the group, sent by an anonymous admin)", placeholder: "/settings" }], "Send");
  if (!values || !values.text.trim()) return;
  const body = { text: values.text.trim() };
  if (S.topic !== null) body.thread_id = S.topic;
  await api("POST", `/sandbox/chats/${chat.id}/anonymous`, body);
}

export function toggleInfo() {
  S.infoOpen = !S.infoOpen;
  $("info").hidden = !S.infoOpen;
  if (S.infoOpen) renderInfo();
}
