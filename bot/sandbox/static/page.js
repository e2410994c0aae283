// The Habitloop sandbox page: plays the members of a fake Telegram and shows its chats.
//
// Everything comes from the fake Telegram on this machine: its state and its messages
// through /sandbox/..., its changes live through the /sandbox/events stream, and the time
// controls through /sandbox/time/.... Nothing is fetched from anywhere else.
"use strict";

const S = {
  users: new Map(), // id -> User
  bot: null, // the bot's User
  commands: [], // the bot's "/" menu
  chats: new Map(), // id -> chat view (groups and private chats)
  messages: new Map(), // chat id -> Map(message id -> message view)
  me: null, // the member who writes and presses buttons
  open: null, // the open chat's id
  topic: null, // the open forum topic's thread id (null: General)
  replyTo: null, // message id the next message replies to
  now: 0, // the fake clock (unix seconds) ...
  nowAt: 0, // ... as of this performance.now()
  zone: "UTC",
  follows: true, // the fake clock runs at real speed between jumps
  timeControls: false,
  typing: new Map(), // chat id -> until (performance.now())
  infoOpen: false,
  version: 0, // counts the changes to what the conversation shows
};

const $ = (id) => document.getElementById(id);
const AVATAR_COLORS = [
  ["#ff885e", "#ff516a"], ["#ffcd6a", "#ffa85c"], ["#82b1ff", "#665fff"],
  ["#a0de7e", "#54cb68"], ["#53edd6", "#28c9b7"], ["#72d5fd", "#2a9ef1"], ["#e0a2f3", "#d669ed"],
];
const NAME_COLORS = ["#e0594f", "#d0841e", "#7c5ce0", "#3c9a3c", "#1f9bab", "#2a85d4", "#c149b8"];
const ANONYMOUS_ADMIN = 1087968824;
const MAX_SHOWN = 400;

// -- talking to the fake Telegram -------------------------------------------------------

async function api(method, path, body) {
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
async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    toast(error.message, "error");
    return undefined;
  }
}

// -- the state ---------------------------------------------------------------------------

async function loadEverything() {
  const state = await api("GET", "/sandbox/state");
  S.users = new Map(state.users.map((u) => [u.id, u]));
  S.bot = state.bots[0] || null;
  S.commands = (S.bot && state.commands && state.commands[String(S.bot.id)]) || [];
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

async function loadTime() {
  try {
    const time = await api("GET", "/sandbox/time");
    applyTime(time);
    S.timeControls = true;
  } catch (error) {
    if (error.status !== 404) throw error;
    S.timeControls = false; // a plain fake Telegram: its clock is the wall clock
  }
}

function applyTime(time) {
  setNow(time.now);
  S.zone = time.zone;
  S.follows = time.follows_real_time;
}

function setNow(unix) {
  S.now = unix;
  S.nowAt = performance.now();
}

function fakeNow() {
  const elapsed = S.follows ? (performance.now() - S.nowAt) / 1000 : 0;
  return S.now + elapsed;
}

function firstChat() {
  const groups = visibleChats();
  return groups.length ? groups[0].id : null;
}

function visibleChats() {
  return [...S.chats.values()].filter((c) => !c.migrated_to);
}

function present(chat, userId) {
  if (!chat) return false;
  if (chat.type === "private") return chat.user_id === userId;
  return ["creator", "administrator", "member", "restricted"].includes(chat.members[String(userId)]);
}

function isAdmin(chat, userId) {
  return ["creator", "administrator"].includes(chat.members[String(userId)]);
}

function people(chat) {
  if (!chat) return [];
  if (chat.type === "private") return [S.users.get(chat.user_id)].filter(Boolean);
  return [...S.users.values()].filter((u) => present(chat, u.id));
}

function defaultWriter(chatId) {
  const chat = S.chats.get(chatId);
  const candidates = people(chat);
  if (candidates.some((u) => u.id === S.me)) return S.me;
  return candidates.length ? candidates[0].id : (S.users.size ? [...S.users.keys()][0] : null);
}

function chatMessages(chatId) {
  // A supergroup shows the history of the group it was upgraded from, as Telegram does.
  const older = [...S.chats.values()].filter((c) => c.migrated_to === chatId);
  const lists = [...older.map((c) => S.messages.get(c.id)), S.messages.get(chatId)];
  return lists.filter(Boolean).flatMap((m) => [...m.values()]).filter((m) => !m.deleted);
}

function upsertMessage(view) {
  if (!S.messages.has(view.chat_id)) S.messages.set(view.chat_id, new Map());
  S.messages.get(view.chat_id).set(view.message_id, view);
}

// -- live changes -------------------------------------------------------------------------

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

// -- rendering ----------------------------------------------------------------------------

let renderQueued = false;
function render() {
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

function el(tag, props = {}, ...children) {
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

function colorIndex(id) {
  return Math.abs(Number(id)) % 7;
}

function initials(name) {
  const words = (name || "?").trim().split(/\s+/);
  return ((words[0] || "?")[0] + (words.length > 1 ? words[1][0] : "")).toUpperCase();
}

function avatar(id, name, size = "") {
  const [c1, c2] = AVATAR_COLORS[colorIndex(id)];
  return el("span", { class: `avatar ${size}`, style: `--c1:${c1};--c2:${c2}`, "aria-hidden": "true" }, initials(name));
}

function fullName(user) {
  if (!user) return "Someone";
  return user.last_name ? `${user.first_name} ${user.last_name}` : user.first_name;
}

function userName(id) {
  if (S.bot && id === S.bot.id) return S.bot.first_name;
  return fullName(S.users.get(id));
}

function chatTitle(chat) {
  if (!chat) return "";
  if (chat.type === "private") return `${S.bot ? S.bot.first_name : "Bot"} · ${userName(chat.user_id)}'s chat`;
  return chat.title;
}

const formatters = new Map();
function format(unix, options) {
  const key = S.zone + JSON.stringify(options);
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.DateTimeFormat("en-GB", { timeZone: S.zone, ...options }));
  }
  return formatters.get(key).format(new Date(unix * 1000));
}
const hhmm = (unix) => format(unix, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const dayKey = (unix) => format(unix, { year: "numeric", month: "2-digit", day: "2-digit" });
const dayTitle = (unix) => format(unix, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

function renderClock() {
  const now = fakeNow();
  const day = format(now, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  $("clock").textContent = `${day.replace(",", "")} · ${hhmm(now)}`;
  $("zone").textContent = S.zone;
  $("time-actions").hidden = !S.timeControls;
  if (!$("travel-to").value && now) suggestMoment();
}

// The picker offers the next day at 09:00 until someone picks another moment.
function suggestMoment() {
  const picker = $("travel-to");
  if (picker.dataset.touched) return;
  picker.value = `${localInputValue(fakeNow() + 86400).slice(0, 10)}T09:00`;
}

function localInputValue(unix) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", {
    timeZone: S.zone, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(unix * 1000)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function lastMessage(chatId) {
  const all = chatMessages(chatId);
  return all.length ? all[all.length - 1] : null;
}

function renderChatList() {
  const list = $("chat-list");
  const items = visibleChats().map((chat) => {
    const last = lastMessage(chat.id);
    const id = chat.type === "private" ? chat.user_id : chat.id;
    const icon = chat.type === "private" ? avatar(S.bot ? S.bot.id : 0, S.bot ? S.bot.first_name : "B") : avatar(id, chat.title);
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

function chatKind(chat) {
  if (chat.type === "private") return "private chat";
  if (chat.is_forum) return "forum";
  return chat.type === "group" ? "group" : "supergroup";
}

function preview(message, chat) {
  const body = message.text || message.caption
    || (message.photo ? "🖼 Photo" : message.document ? `📄 ${message.filename || "File"}` : serviceText(message, chat));
  if (message.service && Object.keys(message.service).length) return serviceText(message, chat);
  const who = message.from_bot ? (S.bot ? S.bot.first_name : "Bot") : message.sender ? message.sender.first_name : "";
  return chat.type === "private" ? body : `${who}: ${body}`;
}

function renderHeader() {
  const chat = S.chats.get(S.open);
  $("chat-name").textContent = chat ? chatTitle(chat) : "No chat yet";
  const avatarBox = $("chat-avatar");
  if (chat) {
    const fresh = chat.type === "private" ? avatar(S.bot ? S.bot.id : 0, S.bot ? S.bot.first_name : "B") : avatar(chat.id, chat.title);
    avatarBox.replaceWith(Object.assign(fresh, { id: "chat-avatar" }));
  }
  const sub = $("chat-sub");
  const typingUntil = S.typing.get(S.open) || 0;
  if (typingUntil > performance.now()) {
    sub.textContent = `${S.bot ? S.bot.first_name : "bot"} is typing…`;
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

function renderTopics() {
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

function inTopic(message) {
  const chat = S.chats.get(S.open);
  if (!chat || !chat.is_forum) return true;
  return (message.thread_id ?? null) === S.topic;
}

let lastRendered = "";
function renderMessages() {
  const box = $("messages");
  const signature = `${S.version}|${S.open}|${S.topic}|${S.me}|${S.zone}`;
  if (signature === lastRendered) return;
  lastRendered = signature;
  const chat = S.chats.get(S.open);
  const shown = chat ? chatMessages(chat.id).filter(inTopic) : [];
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const wasChat = box.dataset.chat;
  const children = [el("div", { class: "spacer" })];
  if (!chat) {
    children.push(el("div", { class: "empty-note" }, "No chats yet. Create a group with + at the top of the chat list."));
  } else if (!shown.length) {
    children.push(el("div", { class: "empty-note" }, chat.type === "private" ? "Say /start to the bot." : "No messages here yet."));
  }
  const from = Math.max(0, shown.length - MAX_SHOWN);
  if (from > 0) children.push(el("div", { class: "service" }, `${from} older messages not shown`));
  let lastDay = null;
  const byId = new Map(chat ? chatMessages(chat.id).map((m) => [m.message_id, m]) : []);
  for (let i = from; i < shown.length; i += 1) {
    const message = shown[i];
    const day = dayKey(message.date);
    if (day !== lastDay) {
      children.push(el("div", { class: "day" }, dayTitle(message.date)));
      lastDay = day;
    }
    children.push(messageNode(message, chat, shown[i - 1], shown[i + 1], byId));
  }
  const previousTop = box.scrollTop;
  box.replaceChildren(...children);
  box.dataset.chat = String(S.open);
  if (atBottom || wasChat !== String(S.open)) box.scrollTop = box.scrollHeight;
  else box.scrollTop = previousTop;
}

function senderKey(message) {
  if (message.service && Object.keys(message.service).length) return null;
  if (message.sender_chat_id) return `chat${message.sender_chat_id}`;
  return message.sender ? message.sender.id : null;
}

function sameRun(a, b) {
  return a && b && senderKey(a) !== null && senderKey(a) === senderKey(b)
    && dayKey(a.date) === dayKey(b.date) && Math.abs(a.date - b.date) < 600;
}

function messageNode(message, chat, before, after, byId) {
  if (message.service && Object.keys(message.service).length) {
    return el("div", { class: "service", "data-message": message.message_id }, serviceText(message, chat));
  }
  const fromMe = !message.from_bot && message.sender && message.sender.id === S.me && !message.sender_chat_id;
  const privateChat = chat.type === "private";
  const first = !sameRun(before, message);
  const last = !sameRun(message, after);
  const senderId = message.sender ? message.sender.id : 0;
  const anonymous = message.sender_chat_id && senderId === ANONYMOUS_ADMIN;
  const displayName = anonymous ? chat.title : message.sender ? fullName(message.sender) : "";
  const nameColor = NAME_COLORS[colorIndex(anonymous ? chat.id : senderId)];

  const bubble = el("div", { class: "bubble" });
  if (first && !fromMe && !privateChat) {
    const badge = message.from_bot ? "bot" : anonymous ? "anonymous admin" : roleBadge(chat, senderId);
    bubble.append(el("div", { class: "sender", style: `color:${nameColor}` }, displayName, badge ? el("span", { class: "badge" }, badge) : null));
  }
  if (message.reply_to) bubble.append(quoteNode(byId.get(message.reply_to), chat));
  if (message.photo) {
    const [w, h] = message.photo_size || [0, 0];
    bubble.append(el("a", { class: "photo", href: `/sandbox/files/${message.photo}`, target: "_blank", rel: "noopener" },
      el("img", { src: `/sandbox/files/${message.photo}`, alt: message.caption || "Photo", width: w || null, height: h || null, loading: "lazy" })));
  }
  if (message.document) {
    bubble.append(el("a", { class: "document", href: `/sandbox/files/${message.document}`, download: message.filename || "file" },
      el("span", { class: "doc-icon", "aria-hidden": "true" }, "⬇"),
      el("span", {}, el("div", { class: "doc-name" }, message.filename || "File"),
        el("div", { class: "doc-size" }, fileSize(message.file_size)))));
  }
  const hasText = Boolean(message.html || message.text || message.caption);
  if (hasText) {
    const text = el("div", { class: "text" });
    text.append(safeHtml(message.html ?? message.text ?? message.caption ?? ""));
    bubble.append(text);
  }
  if (message.reactions && message.reactions.length) {
    bubble.append(el("div", { class: "reactions" }, message.reactions.map((emoji) => el("span", { class: "reaction", title: `${S.bot ? S.bot.first_name : "bot"} reacted` }, emoji, el("span", {}, "1")))));
  }
  const meta = el("span", { class: "meta" }, message.pinned ? el("span", { class: "pin", title: "pinned" }, "📌") : null,
    message.edited ? "edited " : null, hhmm(message.date));
  if (hasText) bubble.querySelector(".text").append(meta);
  else bubble.append(meta);
  if (message.photo && !hasText && !message.reply_to) bubble.classList.add("media-only");

  const wrap = el("div", { class: "bubble-wrap" }, bubble);
  if (message.buttons && message.buttons.length) wrap.append(keyboardNode(message, chat));
  const row = el("div", {
    class: `row${fromMe ? " out" : ""}${first ? " first" : ""}${last ? " last" : ""}${privateChat ? " private" : ""}`,
    "data-message": message.message_id,
    "data-from-bot": message.from_bot ? "true" : "false",
    ondblclick: () => startReply(message.message_id),
  },
  avatar(anonymous ? chat.id : senderId, displayName, "small"),
  wrap,
  el("button", { type: "button", class: "reply-button", title: "Reply", "aria-label": "Reply", onclick: () => startReply(message.message_id) }, "↩"));
  return row;
}

function roleBadge(chat, userId) {
  const status = chat.members ? chat.members[String(userId)] : null;
  if (status === "creator") return "owner";
  if (status === "administrator") return "admin";
  return null;
}

function fileSize(bytes) {
  if (bytes === null || bytes === undefined) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function plainText(message, chat) {
  if (message.service && Object.keys(message.service).length) return serviceText(message, chat);
  return message.text || message.caption || (message.photo ? "🖼 Photo" : message.document ? `📄 ${message.filename || "File"}` : "");
}

function quoteNode(target, chat) {
  if (!target) return el("div", { class: "quote" }, el("span", { class: "quote-text" }, "Deleted message"));
  const senderId = target.sender ? target.sender.id : 0;
  const color = NAME_COLORS[colorIndex(senderId)];
  return el("button", {
    type: "button", class: "quote", style: `--qc:${color}`,
    onclick: () => jumpTo(target.message_id),
  },
  el("span", { class: "quote-name" }, target.sender ? fullName(target.sender) : chat.title),
  el("span", { class: "quote-text" }, plainText(target, chat)));
}

function jumpTo(messageId) {
  const row = document.querySelector(`#messages [data-message="${messageId}"]`);
  if (!row) return;
  row.scrollIntoView({ block: "center", behavior: "smooth" });
  row.classList.remove("highlight");
  void row.offsetWidth;
  row.classList.add("highlight");
}

function keyboardNode(message, chat) {
  return el("div", { class: "keyboard" }, message.buttons.map((buttonRow) => el("div", { class: "keyboard-row" },
    buttonRow.map(([label, data]) => {
      if (data && /^https?:\/\//i.test(data)) {
        return el("a", { href: data, target: "_blank", rel: "noopener noreferrer" }, `${label} ↗`);
      }
      return el("button", {
        type: "button",
        onclick: () => attempt(() => press(chat, message, data)),
      }, label);
    }))));
}

async function press(chat, message, data) {
  if (!present(chat, S.me)) throw new Error(`${userName(S.me)} is not in this chat: pick someone who is`);
  await api("POST", `/sandbox/chats/${chat.id}/press`, { message_id: message.message_id, user_id: S.me, data });
}

// -- Telegram's HTML, and nothing else ----------------------------------------------------

const SIMPLE_TAGS = {
  B: "b", STRONG: "b", I: "i", EM: "i", U: "u", INS: "u", S: "s", STRIKE: "s", DEL: "s",
  CODE: "code", PRE: "pre", BLOCKQUOTE: "blockquote",
};
const DROPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT", "NOSCRIPT"]);
const COMMAND = /(^|[\s(])(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?![A-Za-z0-9_@])/g;

// Rebuilds the message's HTML from Telegram's tags only; every other tag is dropped with
// its attributes (its text stays), and links keep an http(s) address only.
function safeHtml(html) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, "text/html");
  const out = document.createDocumentFragment();
  copyInto(parsed.body, out);
  return out;
}

function copyInto(source, target) {
  for (const node of source.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      appendWithCommands(target, node.nodeValue);
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || DROPPED.has(node.tagName)) continue;
    const tag = node.tagName;
    let made = null;
    if (SIMPLE_TAGS[tag]) {
      made = document.createElement(SIMPLE_TAGS[tag]);
      if (tag === "BLOCKQUOTE" && node.hasAttribute("expandable")) made.className = "expandable";
    } else if (tag === "TG-SPOILER" || (tag === "SPAN" && node.classList.contains("tg-spoiler"))) {
      made = el("span", { class: "spoiler", title: "spoiler", onclick: (e) => e.currentTarget.classList.add("shown") });
    } else if (tag === "A") {
      const href = node.getAttribute("href") || "";
      if (/^https?:\/\//i.test(href)) {
        made = el("a", { href, target: "_blank", rel: "noopener noreferrer" });
      } else if (/^tg:\/\/user\?id=\d+$/i.test(href)) {
        made = el("span", { class: "mention", title: "mention" });
      } else {
        made = document.createElement("span");
      }
    } else if (tag === "TG-EMOJI") {
      made = document.createElement("span");
    }
    if (made === null) {
      copyInto(node, target); // not Telegram's: keep only the text inside
      continue;
    }
    copyInto(node, made);
    target.append(made);
  }
}

function appendWithCommands(target, text) {
  let last = 0;
  for (const match of text.matchAll(COMMAND)) {
    const start = match.index + match[1].length;
    target.append(document.createTextNode(text.slice(last, start)));
    const command = match[2];
    target.append(el("span", { class: "cmd", title: `send ${command}`, onclick: () => attempt(() => send(command)) }, command));
    last = start + command.length;
  }
  target.append(document.createTextNode(text.slice(last)));
}

// -- service messages ----------------------------------------------------------------------

function serviceText(message, chat) {
  const service = message.service || {};
  const actor = message.sender ? (message.sender.id === ANONYMOUS_ADMIN ? chat.title : fullName(message.sender)) : "Someone";
  if (service.new_chat_members) {
    const names = service.new_chat_members.map(fullName);
    const joinedAlone = names.length === 1 && message.sender && service.new_chat_members[0].id === message.sender.id;
    return joinedAlone ? `${names[0]} joined the group` : `${actor} added ${names.join(", ")}`;
  }
  if (service.left_chat_member) {
    const gone = service.left_chat_member;
    return message.sender && gone.id === message.sender.id ? `${fullName(gone)} left the group` : `${actor} removed ${fullName(gone)}`;
  }
  if (service.forum_topic_created) return `${actor} created the topic “${service.forum_topic_created.name}”`;
  if (service.forum_topic_closed) return `${actor} closed the topic`;
  if (service.forum_topic_reopened) return `${actor} reopened the topic`;
  if (service.migrate_to_chat_id) return "The group was upgraded to a supergroup";
  if (service.migrate_from_chat_id) return "Upgraded from a basic group";
  if (service.pinned_message) {
    const pinned = (S.messages.get(message.chat_id) || new Map()).get(service.pinned_message);
    const what = pinned ? plainText(pinned, chat).slice(0, 40) : "a message";
    return `${actor} pinned “${what}”`;
  }
  return Object.keys(service).join(", ").replaceAll("_", " ");
}

// -- composer -------------------------------------------------------------------------------

function renderWriters() {
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
  const canWrite = chat && present(chat, S.me);
  $("compose").classList.toggle("disabled", !canWrite);
  $("text").placeholder = canWrite ? `Message as ${userName(S.me)}` : "Pick who writes";
}

function renderReply() {
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

function startReply(messageId) {
  S.replyTo = messageId;
  render();
  $("text").focus();
}

async function send(text) {
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

function setupComposer() {
  const text = $("text");
  const submit = () => attempt(async () => {
    const value = text.value.trim();
    if (!value) return;
    await send(value);
    text.value = "";
    autosize();
    $("command-menu").hidden = true;
  });
  $("compose").addEventListener("submit", (event) => { event.preventDefault(); submit(); });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
    if (event.key === "Escape") {
      S.replyTo = null;
      $("command-menu").hidden = true;
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
    else $("command-menu").hidden = true;
  });
  $("menu-button").addEventListener("click", () => {
    const menu = $("command-menu");
    if (menu.hidden) showCommands("");
    else menu.hidden = true;
  });
  $("reply-cancel").addEventListener("click", () => { S.replyTo = null; render(); });
  document.addEventListener("click", (event) => {
    const menu = $("command-menu");
    if (!menu.hidden && !menu.contains(event.target) && !$("menu-button").contains(event.target)) {
      menu.hidden = true;
    }
  });
}

function showCommands(prefix) {
  const menu = $("command-menu");
  const matching = S.commands.filter((c) => c.command.startsWith(prefix.toLowerCase()));
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

// -- chats, people and the bot --------------------------------------------------------------

function openChat(chatId) {
  S.open = chatId;
  S.topic = null;
  S.replyTo = null;
  const chat = S.chats.get(chatId);
  if (chat && chat.type === "private") S.me = chat.user_id; // only its owner writes there
  else S.me = defaultWriter(chatId);
  document.body.dataset.view = "chat";
  render();
}

async function openPrivate() {
  if (S.me === null) throw new Error("pick someone first");
  const chat = await api("POST", `/sandbox/users/${S.me}/private`);
  S.chats.set(chat.id, chat);
  if (!S.messages.has(chat.id)) S.messages.set(chat.id, new Map());
  openChat(chat.id);
}

async function addPerson() {
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

async function renamePerson(userId) {
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

async function newGroup() {
  const me = S.users.get(S.me);
  const others = [...S.users.values()].filter((u) => u.id !== S.me);
  const values = await ask(`New group${me ? ` created by ${me.first_name}` : ""}`, [
    { name: "title", label: "Group name", placeholder: "Evening Runners" },
    { name: "kind", label: "Kind", options: [["supergroup", "Supergroup"], ["group", "Basic group (can be upgraded)"], ["forum", "Forum with topics"]] },
    ...others.map((u) => ({ name: `user${u.id}`, check: true, label: `Add ${fullName(u)}`, value: true })),
    { name: "bot", check: true, label: `Add ${S.bot ? S.bot.first_name : "the bot"}`, value: true },
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

async function newTopic() {
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

function adminOf(chat) {
  if (present(chat, S.me) && isAdmin(chat, S.me)) return S.me;
  const owner = Object.entries(chat.members).find(([, status]) => status === "creator");
  return owner ? Number(owner[0]) : S.me;
}

function renderInfo() {
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
      el("div", { class: "info-card" }, avatar(S.bot ? S.bot.id : 0, S.bot ? S.bot.first_name : "B"), el("div", { class: "name" }, S.bot ? S.bot.first_name : "Bot"), el("div", { class: "sub" }, `@${S.bot ? S.bot.username : ""} · with ${userName(chat.user_id)}`)),
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
  if (!botHere && !chat.migrated_to) actions.push(el("button", { type: "button", class: "action", onclick: () => attempt(() => api("POST", `/sandbox/chats/${chat.id}/add_bot`, { by_id: actor })) }, `Add ${S.bot ? S.bot.first_name : "the bot"} to the group`));
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

async function sendAnonymously(chat) {
  const values = await ask("Write as the group", [{ name: "text", label: "Message (shown as the group, sent by an anonymous admin)", placeholder: "/settings" }], "Send");
  if (!values || !values.text.trim()) return;
  const body = { text: values.text.trim() };
  if (S.topic !== null) body.thread_id = S.topic;
  await api("POST", `/sandbox/chats/${chat.id}/anonymous`, body);
}

function toggleInfo() {
  S.infoOpen = !S.infoOpen;
  $("info").hidden = !S.infoOpen;
  if (S.infoOpen) renderInfo();
}

// -- time -------------------------------------------------------------------------------------

const JUMPS = {
  next_cue: ["next_cue", {}],
  next_recap: ["next_recap", {}],
  tomorrow: ["tomorrow", { at: "09:00" }],
  week: ["advance", { days: 7 }],
};

async function jump(path, body) {
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

function setupTime() {
  for (const button of document.querySelectorAll("[data-jump]")) {
    const [path, body] = JUMPS[button.dataset.jump];
    button.addEventListener("click", () => attempt(() => jump(path, body)));
  }
  $("travel-to").addEventListener("input", () => { $("travel-to").dataset.touched = "yes"; });
  $("travel-form").addEventListener("submit", (event) => {
    event.preventDefault();
    attempt(async () => {
      await jump("travel", { to: $("travel-to").value });
      delete $("travel-to").dataset.touched;
      suggestMoment();
    });
  });
  $("reset").addEventListener("click", () => attempt(async () => {
    const sure = await ask("Start over?", [{ note: "A fresh database, a fresh group and this morning again." }], "Reset");
    if (!sure) return;
    $("busy").hidden = false;
    try {
      const time = await api("POST", "/sandbox/reset");
      applyTime(time);
      delete $("travel-to").dataset.touched;
      suggestMoment();
      await loadEverything();
    } finally {
      $("busy").hidden = true;
    }
  }));
  setInterval(renderClock, 1000);
}

// -- toasts, questions and problems -----------------------------------------------------------

function toast(text, kind = "") {
  const node = el("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
  const shown = $("toasts");
  while (shown.children.length >= 2) shown.firstElementChild.remove();
  shown.append(node);
  setTimeout(() => node.remove(), kind === "error" ? 6000 : 3500);
}

// A small form in a dialog; resolves to the values, or null when cancelled.
function ask(title, fields, confirm = "OK") {
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

function alertBox(text) {
  ask(S.bot ? S.bot.first_name : "Bot", [{ note: text }], "OK");
}

let problemTimer = null;
function checkProblemsSoon() {
  clearTimeout(problemTimer);
  problemTimer = setTimeout(checkProblems, 800);
}

async function checkProblems() {
  try {
    const problems = await api("GET", "/sandbox/problems");
    const all = [...problems.spec_violations, ...problems.unsupported_calls];
    $("problems").hidden = !all.length;
    $("problems").textContent = all.length ? `The bot misused the Bot API:\n${all.join("\n")}` : "";
  } catch { /* shown when the next change comes */ }
}

// -- start ---------------------------------------------------------------------------------------

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
