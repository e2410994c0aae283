// How Telegram shows a message: its HTML from Telegram's tags only, and the words for
// service messages and previews.

import { send } from "./composer.js";
import { ANONYMOUS_ADMIN, attempt, botName, fullName, S } from "./state.js";
import { el } from "./ui.js";

export function isService(message) {
  return Boolean(message.service && Object.keys(message.service).length);
}

// A message in a line of text: for quotes, the reply bar and the chat list.
export function plainText(message, chat) {
  if (isService(message)) return serviceText(message, chat);
  if (message.text || message.caption) return message.text || message.caption;
  if (message.photo) return "🖼 Photo";
  return message.document ? `📄 ${message.filename || "File"}` : "";
}

// The chat list's line under a group's name: who said what.
export function preview(message, chat) {
  const text = plainText(message, chat);
  if (isService(message) || chat.type === "private") return text;
  const who = message.from_bot ? botName() : message.sender ? message.sender.first_name : "";
  return `${who}: ${text}`;
}

const SIMPLE_TAGS = {
  B: "b", STRONG: "b", I: "i", EM: "i", U: "u", INS: "u", S: "s", STRIKE: "s", DEL: "s",
  CODE: "code", PRE: "pre", BLOCKQUOTE: "blockquote",
};

const DROPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT", "NOSCRIPT"]);

const COMMAND = /(^|[\s(])(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?![A-Za-z0-9_@])/g;

// Rebuilds the message's HTML from Telegram's tags only; every other tag is dropped with
// its attributes (its text stays), and links keep an http(s) address only.
export function safeHtml(html) {
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

export function appendWithCommands(target, text) {
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

export function serviceText(message, chat) {
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
