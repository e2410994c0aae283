// The conversation: bubbles, quotes, pictures, files, reactions and buttons.

import { startReply } from "./composer.js";
import { isAppLink, openApp } from "./miniapp.js";
import {
  $,
  ANONYMOUS_ADMIN,
  api,
  attempt,
  botName,
  chatMessages,
  fullName,
  present,
  roleBadge,
  S,
  userName,
} from "./state.js";
import { isService, plainText, safeHtml, serviceText } from "./telegram.js";
import { avatar, colorIndex, dayKey, dayTitle, el, fileSize, hhmm, NAME_COLORS, render } from "./ui.js";

const MAX_SHOWN = 400;

export function inTopic(message) {
  const chat = S.chats.get(S.open);
  if (!chat || !chat.is_forum) return true;
  return (message.thread_id ?? null) === S.topic;
}

let lastRendered = "";

export function renderMessages() {
  const box = $("messages");
  const signature = `${S.version}|${S.open}|${S.topic}|${S.me}|${S.zone}`;
  const toEnd = S.showLatest;
  S.showLatest = false;
  if (signature === lastRendered && !toEnd) return;
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
  if (toEnd || atBottom || wasChat !== String(S.open)) box.scrollTop = box.scrollHeight;
  else box.scrollTop = previousTop;
}

export function senderKey(message) {
  if (isService(message)) return null;
  if (message.sender_chat_id) return `chat${message.sender_chat_id}`;
  return message.sender ? message.sender.id : null;
}

export function sameRun(a, b) {
  return a && b && senderKey(a) !== null && senderKey(a) === senderKey(b)
    && dayKey(a.date) === dayKey(b.date) && Math.abs(a.date - b.date) < 600;
}

export function messageNode(message, chat, before, after, byId) {
  if (isService(message)) {
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
  const reactions = reactionsNode(message, chat);
  if (reactions) bubble.append(reactions);
  const meta = el("span", { class: "meta" }, message.pinned ? el("span", { class: "pin", title: "pinned" }, "📌") : null,
    message.edited ? "edited " : null, hhmm(message.date));
  if (hasText) bubble.querySelector(".text").append(meta);
  else bubble.append(meta);
  if (message.photo && !hasText && !message.reply_to) bubble.classList.add("media-only");

  const wrap = el("div", { class: "bubble-wrap" }, bubble);
  if (message.buttons && message.buttons.length) wrap.append(keyboardNode(message, chat));
  if (S.picking === message.message_id) wrap.append(pickerNode(message, chat));
  const row = el("div", {
    class: `row${fromMe ? " out" : ""}${first ? " first" : ""}${last ? " last" : ""}${privateChat ? " private" : ""}`,
    "data-message": message.message_id,
    "data-from-bot": message.from_bot ? "true" : "false",
    ondblclick: () => startReply(message.message_id),
  },
  avatar(anonymous ? chat.id : senderId, displayName, "small"),
  wrap,
  el("div", { class: "row-buttons" },
    el("button", { type: "button", class: "reply-button", title: "Reply", "aria-label": "Reply", onclick: () => startReply(message.message_id) }, "↩"),
    el("button", { type: "button", class: "reply-button react-button", title: "React", "aria-label": "React", onclick: () => togglePicker(message.message_id) }, "☺")));
  return row;
}

// What the page offers to react with: the reactions that count as cheers on a check-in.
const PICKABLE = ["👏", "🔥", "❤", "💯", "🎉"];

// Each emoji on the message with who put it: the bot, and the people.
function reactionsNode(message, chat) {
  const who = new Map();
  const add = (emoji, name) => who.set(emoji, [...(who.get(emoji) || []), name]);
  for (const emoji of message.reactions || []) add(emoji, botName());
  for (const [id, emojis] of Object.entries(message.user_reactions || {})) {
    for (const emoji of emojis) add(emoji, userName(Number(id)));
  }
  if (!who.size) return null;
  const mine = myReactions(message);
  return el("div", { class: "reactions" }, [...who].map(([emoji, names]) => el("button", {
    type: "button",
    class: `reaction${mine.includes(emoji) ? " mine" : ""}`,
    title: `${names.join(", ")} reacted`,
    onclick: () => attempt(() => react(chat, message, emoji)),
  }, emoji, el("span", {}, String(names.length)))));
}

function pickerNode(message, chat) {
  return el("div", { class: "reaction-picker", role: "group", "aria-label": "Pick a reaction" },
    PICKABLE.map((emoji) => el("button", {
      type: "button", title: `React ${emoji}`, "aria-label": `React ${emoji}`,
      onclick: () => attempt(() => react(chat, message, emoji)),
    }, emoji)));
}

function myReactions(message) {
  return (message.user_reactions || {})[String(S.me)] || [];
}

function togglePicker(messageId) {
  S.picking = S.picking === messageId ? null : messageId;
  S.version += 1;
  render();
}

// The person writing sets that reaction, or takes it back: one each, as without Premium.
export async function react(chat, message, emoji) {
  if (!present(chat, S.me)) throw new Error(`${userName(S.me)} is not in this chat: pick someone who is`);
  const emojis = myReactions(message).includes(emoji) ? [] : [emoji];
  S.picking = null;
  S.version += 1;
  render();
  await api("POST", `/sandbox/chats/${chat.id}/react`, { message_id: message.message_id, user_id: S.me, emojis });
}

export function quoteNode(target, chat) {
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

export function jumpTo(messageId) {
  const row = document.querySelector(`#messages [data-message="${messageId}"]`);
  if (!row) return;
  row.scrollIntoView({ block: "center", behavior: "smooth" });
  row.classList.remove("highlight");
  void row.offsetWidth;
  row.classList.add("highlight");
}

export function keyboardNode(message, chat) {
  return el("div", { class: "keyboard" }, message.buttons.map((buttonRow) => el("div", { class: "keyboard-row" },
    buttonRow.map(([label, data]) => {
      if (isAppLink(data)) {
        return el("button", { type: "button", class: "app-button", onclick: () => attempt(() => openApp(data)) }, label);
      }
      if (data && /^https?:\/\//i.test(data)) {
        return el("a", { href: data, target: "_blank", rel: "noopener noreferrer" }, `${label} ↗`);
      }
      return el("button", {
        type: "button",
        onclick: () => attempt(() => press(chat, message, data)),
      }, label);
    }))));
}

export async function press(chat, message, data) {
  if (!present(chat, S.me)) throw new Error(`${userName(S.me)} is not in this chat: pick someone who is`);
  await api("POST", `/sandbox/chats/${chat.id}/press`, { message_id: message.message_id, user_id: S.me, data });
}
