/*
 * NHI chat widget for city websites. No dependencies, no build step.
 *
 * Embed with one tag (see docs/widget.md):
 *   <script src="https://ASSISTANT/webhooks/widget/nhi-chat.js" data-title="…" data-color="#0b4f9c"
 *           data-position="right" defer></script>
 *
 * Talks to the assistant's safe REST channel (/webhooks/widget/webhook). Message text is only ever
 * put into the page as text nodes: no HTML from a message is interpreted.
 */
(function () {
  "use strict";

  // Filled in by the server (bot/channels/widget_pages.py) from the municipality profile.
  var SERVER_CONFIG = /*NHI_SERVER_CONFIG*/{};
  var script = document.currentScript;
  if (!script || window.__nhiChatLoaded) return;
  window.__nhiChatLoaded = true;

  var FONT_SIZES = [16, 18, 20, 24, 28, 32];
  var DEFAULT_COLOR = "#0b4f9c";
  var MAX_TRANSCRIPT = 300;
  var REQUEST_TIMEOUT_MS = 90000;
  var RETRY_MAX_MS = 30000;

  var attrs = script.dataset;
  var scriptUrl = new URL(script.src, document.baseURI);
  var server = (attrs.server || scriptUrl.href.replace(/\/webhooks\/widget\/[^/]*$/, "")).replace(/\/+$/, "");
  var endpoint = server + "/webhooks/widget/webhook";
  var city = SERVER_CONFIG.city || "";
  var desk = SERVER_CONFIG.desk || "お住まいの市区町村の国民健康保険の窓口";
  var maxChars = SERVER_CONFIG.maxChars || 1000;
  // The picker hint in a reply's custom payload, and the payload that answers it (bot/core/names.py).
  var PICKER = SERVER_CONFIG.picker || {};
  var title = attrs.title || (city ? city + " 国民健康保険 チャット窓口" : "国民健康保険 チャット窓口");
  var storeKey = "nhi-chat:" + server;

  var TEXT = {
    launcher: attrs.launcherLabel || "チャットで質問する",
    welcome:
      "こんにちは。" + (city ? city + "の" : "") +
      "国民健康保険（マイナ保険証、資格確認書など）についてのご質問にお答えします。ご質問を入力してください。" +
      "\nマイナンバー（12桁の番号）は入力しないでください。",
    placeholder: "ご質問を入力してください",
    keys: "Enter で送信、Shift＋Enter で改行",
    send: "送信",
    typing: "回答を準備しています…",
    pending: "送信待ち",
    offline:
      "ただいま接続できません。接続が戻りしだい、入力されたメッセージを自動で送信します。" +
      "お急ぎの方は、" + desk + "にお問い合わせください。",
    retry: "もう一度接続する",
    back: "接続が戻りました。",
    badRequest: "メッセージを送れませんでした。内容を変えて、もう一度お試しください。",
    datePick: "カレンダーから選ぶ",
    dateSend: "この日付を送る",
    restart: "最初から",
    restartConfirm: "これまでの会話を画面から消して、最初から始めますか？",
    close: "閉じる",
    smaller: "文字を小さくする",
    larger: "文字を大きくする",
    you: "あなた：",
    assistant: "案内：",
    choices: "選択肢",
    rateQuestion: "この回答は役に立ちましたか？",
    rateUp: "役に立った",
    rateDown: "役に立たなかった",
    commentLabel: "ご意見（任意・1行）",
    commentSend: "送る",
    rateFailed: "評価を送れませんでした。もう一度お試しください。"
  };

  // ---- storage: conversation per browser tab (sessionStorage), font size per browser ----

  function randomId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function readJson(storage, key) {
    try { return JSON.parse(storage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function writeJson(storage, key, value) {
    try { storage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or disabled */ }
  }

  function freshState() {
    return { sender: "w-" + randomId(), transcript: [], outbox: [], open: false };
  }

  var state = readJson(window.sessionStorage, storeKey) || freshState();
  if (attrs.open === "true" && !readJson(window.sessionStorage, storeKey)) state.open = true;
  var fontSize = readJson(window.localStorage, "nhi-chat:font") || parseInt(attrs.fontSize, 10) || 20;

  function save() {
    state.transcript = state.transcript.slice(-MAX_TRANSCRIPT);
    writeJson(window.sessionStorage, storeKey, state);
  }

  // ---- colours: keep the city's colour, pick black or white text for contrast ----

  function luminance(hex) {
    var m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return null;
    var h = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
    var channels = [0, 2, 4].map(function (i) {
      var c = parseInt(h.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  var color = luminance(attrs.color) === null ? DEFAULT_COLOR : attrs.color;
  var lum = luminance(color);
  var onColor = (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";

  // ---- text: links for URLs and phone numbers, everything else as text nodes ----

  var LINKS = /(https?:\/\/[^\s<>"'「」『』（）()、。]+)|(^|[^\d-])(0\d{1,4}-\d{1,4}-\d{3,4})(?!\d)/g;

  function appendText(parent, text) {
    var last = 0;
    String(text).replace(LINKS, function (match, url, before, phone, offset) {
      var start = offset + (url ? 0 : before.length);
      parent.appendChild(document.createTextNode(text.slice(last, start)));
      var a = document.createElement("a");
      if (url) {
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.textContent = url;
      } else {
        a.href = "tel:" + phone.replace(/-/g, "");
        a.textContent = phone;
      }
      parent.appendChild(a);
      last = start + a.textContent.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function bubbleIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "icon");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H10l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function hidden(text) {
    return el("span", "vh", text);
  }

  // ---- the widget's DOM, in a shadow root so city page styles do not reach it ----

  var host = document.createElement("div");
  host.id = "nhi-chat-widget";
  var root = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = __CSS__();
  root.appendChild(style);

  var frame = el("div", "nhi " + (attrs.position === "left" ? "left" : "right"));
  frame.style.setProperty("--c", color);
  frame.style.setProperty("--on-c", onColor);
  root.appendChild(frame);

  var launcher = el("button", "launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-controls", "nhi-panel");
  launcher.appendChild(bubbleIcon());
  launcher.appendChild(document.createTextNode(TEXT.launcher));
  frame.appendChild(launcher);

  var panel = el("section", "panel");
  panel.id = "nhi-panel";
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-labelledby", "nhi-title");
  frame.appendChild(panel);

  var header = el("header", "head");
  var heading = el("h2", "title", title);
  heading.id = "nhi-title";
  header.appendChild(heading);
  var tools = el("div", "tools");
  function toolButton(label, text, onClick, className) {
    var b = el("button", "tool " + (className || ""), text);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", onClick);
    tools.appendChild(b);
    return b;
  }
  toolButton(TEXT.smaller, "A－", function () { setFont(-1); }, "smaller");
  toolButton(TEXT.larger, "A＋", function () { setFont(1); }, "larger");
  toolButton(TEXT.restart, TEXT.restart, restart, "restart");
  toolButton(TEXT.close, "×", function () { setOpen(false, true); }, "close");
  header.appendChild(tools);
  panel.appendChild(header);

  var banner = el("div", "banner");
  banner.setAttribute("role", "alert");
  banner.hidden = true;
  panel.appendChild(banner);

  var log = el("div", "log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-relevant", "additions");
  log.setAttribute("aria-label", "会話");
  log.tabIndex = 0;
  panel.appendChild(log);

  var typing = el("div", "typing");
  typing.setAttribute("role", "status");
  panel.appendChild(typing);

  var form = el("form", "composer");
  var label = el("label", "vh", "ご質問");
  label.htmlFor = "nhi-input";
  var input = el("textarea", "input");
  input.id = "nhi-input";
  input.rows = 2;
  input.maxLength = maxChars;
  input.placeholder = TEXT.placeholder;
  input.setAttribute("enterkeyhint", "send");
  input.setAttribute("aria-describedby", "nhi-keys");
  var sendButton = el("button", "send", TEXT.send);
  sendButton.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendButton);
  panel.appendChild(form);
  var keys = el("p", "keys", TEXT.keys);
  keys.id = "nhi-keys";
  panel.appendChild(keys);

  // ---- rendering ----

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function renderWelcome() {
    var item = el("div", "msg bot welcome");
    item.appendChild(hidden(TEXT.assistant));
    appendText(item, TEXT.welcome);
    log.appendChild(item);
  }

  function renderEntry(entry, index) {
    var item;
    if (entry.who === "user") {
      item = el("div", "msg user");
      item.dataset.id = entry.id;
      item.appendChild(hidden(TEXT.you));
      appendText(item, entry.text);
      if (isPending(entry.id)) item.appendChild(el("span", "pending", TEXT.pending));
    } else if (entry.choices) {
      item = el("div", "choices");
      item.setAttribute("role", "group");
      item.setAttribute("aria-label", TEXT.choices);
      entry.choices.forEach(function (choice) {
        var b = el("button", "choice", choice.title);
        b.type = "button";
        b.disabled = !!entry.closed;
        b.addEventListener("click", function () { submit(choice.title, choice.payload); });
        item.appendChild(b);
      });
    } else if (entry.date) {
      item = renderDatePicker(entry);
    } else if (entry.rating) {
      item = renderRating(entry.rating);
    } else {
      item = el("div", "msg bot");
      item.appendChild(hidden(TEXT.assistant));
      appendText(item, entry.text);
    }
    item.dataset.index = String(index);
    log.appendChild(item);
  }

  function renderDatePicker(entry) {
    var box = el("div", "date-pick");
    var lab = el("label", "", TEXT.datePick);
    var field = el("input", "date");
    field.type = "date";
    field.min = "1900-01-01";
    field.max = new Date().toISOString().slice(0, 10);
    field.disabled = !!entry.closed;
    lab.appendChild(field);
    var go = el("button", "choice", TEXT.dateSend);
    go.type = "button";
    go.disabled = !!entry.closed;
    go.addEventListener("click", function () {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(field.value);
      if (!m) { field.focus(); return; }
      var entities = {};
      entities[PICKER.entity] = field.value;
      submit(Number(m[1]) + "年" + Number(m[2]) + "月" + Number(m[3]) + "日",
        "/" + PICKER.intent + JSON.stringify(entities));
    });
    box.appendChild(lab);
    box.appendChild(go);
    return box;
  }

  // ---- 👍/👎 on an answer: one rating per answer, then an optional one-line comment after 👎 ----

  var RATE_VALUES = [["up", "👍", TEXT.rateUp], ["down", "👎", TEXT.rateDown]];

  function renderRating(rating) {
    var box = el("div", "rate");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", TEXT.rateQuestion);
    box.appendChild(el("span", "rate-q", TEXT.rateQuestion));
    var status = el("p", "rate-status");
    status.setAttribute("role", "status");
    var buttons = RATE_VALUES.map(function (v) {
      var b = el("button", "rate-btn " + v[0]);
      b.type = "button";
      var icon = el("span", "", v[1]);
      icon.setAttribute("aria-hidden", "true");
      b.appendChild(icon);
      b.appendChild(document.createTextNode(" " + v[2]));
      b.setAttribute("aria-pressed", String(rating.value === v[0]));
      b.disabled = !!rating.value;
      b.addEventListener("click", function () { rate(rating, v[0], buttons, status, box); });
      box.appendChild(b);
      return b;
    });
    box.appendChild(status);
    if (rating.reply) appendText(status, rating.reply);
    if (rating.value === "down" && !rating.commented) box.appendChild(commentForm(rating, status));
    return box;
  }

  function sendRating(rating, value, comment) {
    var body = { sender: state.sender, rating: { answer_id: rating.id, value: value } };
    if (comment) body.rating.comment = comment;
    return postJson(body).then(function (result) {
      var reply = Array.isArray(result.body) && result.body[0] && result.body[0].text;
      if (!result.ok && !(result.body && result.body.error)) throw new Error("rating " + result.ok);
      return reply || (result.body && result.body.error) || "";
    });
  }

  function rate(rating, value, buttons, status, box) {
    if (rating.value) return;
    buttons.forEach(function (b) { b.disabled = true; });
    sendRating(rating, value).then(function (reply) {
      rating.value = value;
      rating.reply = reply;
      save();
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.classList.contains(value))); });
      status.textContent = "";
      appendText(status, reply);
      if (value === "down") {
        var form = commentForm(rating, status);
        box.appendChild(form);
        form.querySelector("input").focus();
      }
    }, function () {
      buttons.forEach(function (b) { b.disabled = false; });
      status.textContent = TEXT.rateFailed;
    });
  }

  function commentForm(rating, status) {
    var form = el("form", "rate-comment");
    var lab = el("label", "", TEXT.commentLabel);
    var field = el("input", "comment");
    field.type = "text";
    field.maxLength = 200;
    field.setAttribute("enterkeyhint", "send");
    lab.appendChild(field);
    var go = el("button", "choice", TEXT.commentSend);
    go.type = "submit";
    form.appendChild(lab);
    form.appendChild(go);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = field.value.replace(/\s+/g, " ").trim();
      if (!text) { field.focus(); return; }
      go.disabled = true;
      sendRating(rating, "down", text).then(function (reply) {
        rating.commented = true;
        rating.reply = reply;
        save();
        status.textContent = "";
        appendText(status, reply);
        form.remove();
      }, function () {
        go.disabled = false;
        status.textContent = TEXT.rateFailed;
      });
    });
    return form;
  }

  function renderAll() {
    log.textContent = "";
    renderWelcome();
    state.transcript.forEach(renderEntry);
    scrollToEnd();
  }

  function addEntry(entry) {
    state.transcript.push(entry);
    renderEntry(entry, state.transcript.length - 1);
    scrollToEnd();
  }

  function isPending(id) {
    return state.outbox.some(function (m) { return m.id === id; });
  }

  function closeChoices() {
    var changed = false;
    state.transcript.forEach(function (entry) {
      if ((entry.choices || entry.date) && !entry.closed) { entry.closed = true; changed = true; }
    });
    if (changed) {
      Array.prototype.forEach.call(log.querySelectorAll(".choices button, .date-pick input, .date-pick button"),
        function (b) { b.disabled = true; });
    }
  }

  function addReplies(replies) {
    (Array.isArray(replies) ? replies : []).forEach(function (reply) {
      if (!reply || typeof reply !== "object") return;
      if (typeof reply.text === "string" && reply.text) addEntry({ who: "bot", text: reply.text });
      if (Array.isArray(reply.buttons) && reply.buttons.length) {
        addEntry({ who: "bot", choices: reply.buttons.filter(function (b) { return b && b.title && b.payload; })
          .map(function (b) { return { title: String(b.title), payload: String(b.payload) }; }) });
      }
      if (reply.custom && PICKER.hint && reply.custom[PICKER.hint] === PICKER.date) addEntry({ who: "bot", date: true });
      var offer = reply.custom && reply.custom.nhi_rating;
      if (offer && typeof offer.answer_id === "string") addEntry({ who: "bot", rating: { id: offer.answer_id } });
    });
  }

  // ---- sending: an outbox kept in storage, sent in order, retried until it goes through ----

  var busy = false;
  var offline = false;
  var retryDelay = 1000;
  var retryTimer = null;

  function submit(shown, payload) {
    var text = String(payload || "");
    if (!text.trim()) return;
    closeChoices();
    var id = randomId();
    state.outbox.push({ id: id, text: text });
    addEntry({ who: "user", id: id, text: shown });
    save();
    pump();
  }

  function markSent(id) {
    var item = log.querySelector('.msg.user[data-id="' + id + '"] .pending');
    if (item) item.remove();
  }

  function setTyping(on) {
    typing.textContent = on ? TEXT.typing : "";
    typing.classList.toggle("on", on);
  }

  function showBanner(text, withRetry) {
    banner.textContent = "";
    if (!text) { banner.hidden = true; return; }
    appendText(banner, text);
    if (withRetry) {
      var again = el("button", "retry", TEXT.retry);
      again.type = "button";
      again.addEventListener("click", function () { retryNow(); });
      banner.appendChild(again);
    }
    banner.hidden = false;
  }

  function setOffline(now) {
    if (now === offline) return;
    offline = now;
    frame.classList.toggle("is-offline", now);
    showBanner(now ? TEXT.offline : TEXT.back, now);
  }

  function retryNow() {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    pump();
  }

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; pump(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  }

  function post(item) {
    return postJson({ sender: state.sender, message: item.text, message_id: item.id });
  }

  function postJson(body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined
    }).then(function (res) {
      if (res.status >= 500) throw new Error("server " + res.status);
      return res.json().then(function (body) { return { ok: res.ok, body: body }; },
        function () { return { ok: res.ok, body: null }; });
    }).finally(function () { if (timer) clearTimeout(timer); });
  }

  function pump() {
    if (busy || !state.outbox.length) return;
    busy = true;
    setTyping(true);
    var item = state.outbox[0];
    var sender = state.sender;
    post(item).then(function (result) {
      if (sender !== state.sender) return;  // the citizen restarted meanwhile
      state.outbox.shift();
      markSent(item.id);
      if (result.ok) addReplies(result.body);
      else addEntry({ who: "bot", text: (result.body && result.body.error) || TEXT.badRequest });
      save();
      retryDelay = 1000;
      setOffline(false);
    }, function () {
      setOffline(true);
      scheduleRetry();
    }).then(function () {
      busy = false;
      setTyping(false);
      if (!offline) pump();
    });
  }

  window.addEventListener("online", retryNow);
  window.addEventListener("offline", function () { setOffline(true); });

  // ---- keyboard: Enter sends, Shift+Enter is a new line, Enter that confirms an IME conversion does nothing ----

  var composing = false;
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; });
  input.addEventListener("blur", function () { composing = false; });
  input.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    // isComposing: Chrome/Firefox while converting; keyCode 229: Safari sends it after compositionend.
    if (e.isComposing || composing || e.keyCode === 229) return;
    if (e.shiftKey || e.altKey) return;
    e.preventDefault();
    sendInput();
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    sendInput();
  });

  function sendInput() {
    var text = input.value;
    if (!text.trim()) { input.focus(); return; }
    input.value = "";
    submit(text, text);
    input.focus();
  }

  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !e.isComposing && !composing) setOpen(false, true);
  });

  // ---- open / close, font size, restart ----

  function setOpen(open, moveFocus) {
    state.open = open;
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", String(open));
    frame.classList.toggle("open", open);
    save();
    if (open) scrollToEnd();
    if (moveFocus) (open ? input : launcher).focus();
  }

  launcher.addEventListener("click", function () { setOpen(true, true); });

  function applyFont() {
    frame.style.setProperty("--fs", fontSize + "px");
  }

  function setFont(step) {
    var i = FONT_SIZES.indexOf(fontSize);
    if (i < 0) i = FONT_SIZES.indexOf(20);
    fontSize = FONT_SIZES[Math.max(0, Math.min(FONT_SIZES.length - 1, i + step))];
    writeJson(window.localStorage, "nhi-chat:font", fontSize);
    applyFont();
  }

  function restart() {
    if (!window.confirm(TEXT.restartConfirm)) return;
    state = freshState();
    state.open = true;
    save();
    showBanner("", false);
    renderAll();
    input.focus();
  }

  function __CSS__() {
    return [
      ":host{all:initial}",
      ".nhi{--fs:20px;font-family:'Hiragino Kaku Gothic ProN','Hiragino Sans','BIZ UDPGothic',Meiryo,'Noto Sans JP','IPAPGothic','IPAGothic',sans-serif;",
      " font-size:var(--fs);line-height:1.6;color:#111;position:fixed;bottom:16px;z-index:2147483000}",
      ".nhi.right{right:16px}.nhi.left{left:16px}",
      ".nhi *{box-sizing:border-box}",
      ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
      "button{font:inherit;cursor:pointer;border-radius:8px}",
      "button:disabled{cursor:default;opacity:.55}",
      ":focus-visible{outline:3px solid #ffbf00;outline-offset:2px}",
      ".launcher{display:flex;gap:.4em;align-items:center;padding:.6em 1.1em;border:2px solid var(--on-c);",
      " background:var(--c);color:var(--on-c);font-weight:bold;border-radius:999px;box-shadow:0 4px 14px rgba(0,0,0,.3)}",
      ".icon{width:1.2em;height:1.2em;flex:none}",
      ".launcher[hidden],.panel[hidden],.banner[hidden]{display:none}",
      ".panel{display:flex;flex-direction:column;width:min(27em,calc(100vw - 32px));height:min(40em,calc(100vh - 32px));",
      " background:#fff;border:2px solid var(--c);border-radius:12px;overflow:hidden;box-shadow:0 8px 28px rgba(0,0,0,.35)}",
      ".head{display:flex;align-items:center;gap:.4em;padding:.45em .6em;background:var(--c);color:var(--on-c)}",
      ".title{flex:1;margin:0;font-size:1em;line-height:1.3}",
      ".tools{display:flex;gap:.25em}",
      ".tool{min-width:2.2em;min-height:2.2em;padding:.1em .35em;font-size:.8em;background:transparent;color:var(--on-c);border:2px solid var(--on-c)}",
      ".banner{padding:.5em .8em;background:#fff4d6;color:#4a3000;border-bottom:2px solid #b07800;font-size:.9em}",
      ".banner a{color:#4a3000}",
      ".retry{display:block;margin-top:.4em;padding:.2em .8em;background:#4a3000;color:#fff;border:0}",
      ".log{flex:1;overflow-y:auto;padding:.6em;background:#f4f6f8;display:flex;flex-direction:column;gap:.5em}",
      ".msg{max-width:88%;padding:.5em .75em;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}",
      ".msg.bot{align-self:flex-start;background:#fff;border:1px solid #8a949e;color:#111}",
      ".msg.user{align-self:flex-end;background:var(--c);color:var(--on-c)}",
      ".msg a{color:inherit;font-weight:bold;text-decoration:underline}",
      ".msg.bot a{color:#0b3d91}",
      ".pending{display:block;font-size:.75em;opacity:.9}",
      ".choices,.date-pick{display:flex;flex-wrap:wrap;gap:.4em;align-self:flex-start;max-width:95%}",
      ".choice{padding:.35em .8em;background:#fff;color:var(--c);border:2px solid var(--c);text-align:left}",
      ".choice:not(:disabled):hover{background:var(--c);color:var(--on-c)}",
      ".date-pick label{display:flex;flex-direction:column;font-size:.85em}",
      ".date{font:inherit;font-size:1.1em;padding:.2em;border:2px solid #555;border-radius:6px}",
      ".rate{display:flex;flex-wrap:wrap;align-items:center;gap:.3em;align-self:flex-start;max-width:95%;font-size:.8em}",
      ".rate-btn{padding:.15em .6em;background:#fff;color:#111;border:2px solid #555}",
      ".rate-btn[aria-pressed=true]{background:var(--c);color:var(--on-c);border-color:var(--c);opacity:1}",
      ".rate-status{flex-basis:100%;margin:0}.rate-status:empty{display:none}",
      ".rate-comment{display:flex;flex-wrap:wrap;gap:.3em;flex-basis:100%;align-items:flex-end}",
      ".rate-comment label{display:flex;flex-direction:column;flex:1;min-width:12em}",
      ".comment{font:inherit;padding:.2em .4em;border:2px solid #555;border-radius:6px}",
      ".typing{min-height:0;padding:0 .8em;font-size:.85em;color:#333;background:#f4f6f8}",
      ".typing.on{padding:.3em .8em}",
      ".typing.on::before{content:'●●●';letter-spacing:.15em;margin-right:.4em;animation:nhi-dots 1.2s infinite}",
      "@keyframes nhi-dots{50%{opacity:.25}}",
      "@media (prefers-reduced-motion:reduce){.typing.on::before{animation:none}}",
      ".composer{display:flex;gap:.4em;padding:.5em;border-top:1px solid #ccc;background:#fff}",
      ".input{flex:1;font:inherit;resize:none;padding:.35em .5em;border:2px solid #555;border-radius:8px;color:#111;background:#fff}",
      ".send{padding:0 1em;background:var(--c);color:var(--on-c);border:2px solid var(--c);font-weight:bold}",
      ".keys{margin:0;padding:0 .6em .4em;font-size:.75em;color:#444;background:#fff}",
      ".is-offline .send{opacity:.8}",
      "@media (max-width:600px){.nhi.right,.nhi.left{bottom:12px}.nhi.right{right:12px}.nhi.left{left:12px}",
      " .nhi.open{inset:0}",
      " .open .panel{width:100vw;height:100vh;height:100dvh;border-radius:0;border:0}}"
    ].join("\n");
  }

  function start() {
    applyFont();
    renderAll();
    document.body.appendChild(host);
    setOpen(!!state.open, false);
    pump();
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
