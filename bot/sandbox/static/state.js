// What the page knows of the fake Telegram, and how it asks for more.

import { checkProblems } from "./timebar.js";
import { render, toast } from "./ui.js";

export const S = {
  users: new Map(), // id -> User
  bot: null, // the bot's User
  menuButton: null, // the bot's menu button in private chats (a Mini App's, if it set one)
  chats: new Map(), // id -> chat view (groups and private chats)
  messages: new Map(), // chat id -> Map(message id -> message view)
  me: null, // the member who writes and presses buttons
  open: null, // the open chat's id
  topic: null, // the open forum topic's thread id (null: General)
  replyTo: null, // message id the next message replies to
  picking: null, // message id whose reaction picker is open
  now: 0, // the fake clock (unix seconds) ...
  nowAt: 0, // ... as of this performance.now()
  zone: "UTC",
  follows: true, // the fake clock runs at real speed between jumps
  timeControls: false,
  database: null, // the file the sandbox was started on (--database), which Reset wipes
  typing: new Map(), // chat id -> until (performance.now())
  infoOpen: false,
  showLatest: false, // the next drawing scrolls the conversation to its end
  version: 0, // counts the changes to what the conversation shows
};

export const $ = (id) => document.getElementById(id);

export const ANONYMOUS_ADMIN = 1087968824;

export async function api(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let data = null;
  try { data = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) {
    const reason = data && (data.error || data.description);
    const error = new Error(reason || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

// Runs an action, showing its failure as a toast instead of losing it.
export async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    toast(error.message, "error");
    return undefined;
  }
}

export async function loadEverything() {
  const state = await api("GET", "/sandbox/state");
  S.users = new Map(state.users.map((u) => [u.id, u]));
  S.bot = state.bots[0] || null;
  // The private chats' menu button the bot set (setChatMenuButton), if any.
  S.menuButton = S.bot ? (state.menu_buttons || {})[String(S.bot.id)] || null : null;
  S.chats = new Map([...state.chats, ...(state.private_chats || [])].map((c) => [c.id, c]));
  setNow(state.now);
  S.messages = new Map();
  await Promise.all([...S.chats.keys()].map(async (id) => {
    const listed = await api("GET", `/sandbox/chats/${id}/messages`);
    S.messages.set(id, new Map(listed.map((m) => [m.message_id, m])));
  }));
  await loadTime();
  if (!S.chats.has(S.open) || S.chats.get(S.open).migrated_to) S.open = firstChat();
  if (S.me === null || !S.users.has(S.me)) S.me = defaultWriter(S.open);
  S.version += 1;
  render();
  checkProblems();
}

export async function loadTime() {
  try {
    const time = await api("GET", "/sandbox/time");
    applyTime(time);
    S.timeControls = true;
  } catch (error) {
    if (error.status !== 404) throw error;
    S.timeControls = false; // a plain fake Telegram: its clock is the wall clock
  }
}

export function applyTime(time) {
  setNow(time.now);
  S.zone = time.zone;
  S.follows = time.follows_real_time;
  S.database = time.database || null;
}

export function setNow(unix) {
  S.now = unix;
  S.nowAt = performance.now();
}

export function fakeNow() {
  const elapsed = S.follows ? (performance.now() - S.nowAt) / 1000 : 0;
  return S.now + elapsed;
}

export function firstChat() {
  const groups = visibleChats();
  return groups.length ? groups[0].id : null;
}

export function visibleChats() {
  return [...S.chats.values()].filter((c) => !c.migrated_to);
}

export function present(chat, userId) {
  if (!chat) return false;
  if (chat.type === "private") return chat.user_id === userId;
  return ["creator", "administrator", "member", "restricted"].includes(chat.members[String(userId)]);
}

export function isAdmin(chat, userId) {
  return ["creator", "administrator"].includes(chat.members[String(userId)]);
}

export function people(chat) {
  if (!chat) return [];
  if (chat.type === "private") return [S.users.get(chat.user_id)].filter(Boolean);
  return [...S.users.values()].filter((u) => present(chat, u.id));
}

export function defaultWriter(chatId) {
  const chat = S.chats.get(chatId);
  const candidates = people(chat);
  if (candidates.some((u) => u.id === S.me)) return S.me;
  return candidates.length ? candidates[0].id : (S.users.size ? [...S.users.keys()][0] : null);
}

export function chatMessages(chatId) {
  // A supergroup shows the history of the group it was upgraded from, as Telegram does.
  const older = [...S.chats.values()].filter((c) => c.migrated_to === chatId);
  const lists = [...older.map((c) => S.messages.get(c.id)), S.messages.get(chatId)];
  return lists.filter(Boolean).flatMap((m) => [...m.values()]).filter((m) => !m.deleted);
}

export function upsertMessage(view) {
  if (!S.messages.has(view.chat_id)) S.messages.set(view.chat_id, new Map());
  S.messages.get(view.chat_id).set(view.message_id, view);
}

export function fullName(user) {
  if (!user) return "Someone";
  return user.last_name ? `${user.first_name} ${user.last_name}` : user.first_name;
}

export function botName() {
  return S.bot ? S.bot.first_name : "the bot";
}

export function userName(id) {
  if (S.bot && id === S.bot.id) return S.bot.first_name;
  return fullName(S.users.get(id));
}

export function chatTitle(chat) {
  if (!chat) return "";
  if (chat.type === "private") return `${botName()} · ${userName(chat.user_id)}'s chat`;
  return chat.title;
}

export function lastMessage(chatId) {
  const all = chatMessages(chatId);
  return all.length ? all[all.length - 1] : null;
}

export function chatKind(chat) {
  if (chat.type === "private") return "private chat";
  if (chat.is_forum) return "forum";
  return chat.type === "group" ? "group" : "supergroup";
}

export function roleBadge(chat, userId) {
  const status = chat.members ? chat.members[String(userId)] : null;
  if (status === "creator") return "owner";
  if (status === "administrator") return "admin";
  return null;
}
