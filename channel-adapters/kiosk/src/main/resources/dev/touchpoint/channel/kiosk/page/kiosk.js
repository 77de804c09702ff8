/*
 * Touchpoint kiosk page. Opens the kiosk's WebSocket, shows the screens the hub sends, reports their display and
 * every customer action, and reconnects with backoff when the connection is lost. A customer's action is sent until
 * the hub acknowledges it (ack): again after a pause, after a retry answer, and after a reconnect, so that a tap on
 * "accept offer" is never lost to a dropped connection or a failure behind the hub.
 *
 * Trust: a screen's HTML was rendered (and escaped) by the brand design system, and reaches this page only from a
 * Touchpoint instance that knows the kiosk secret. It is still shown in a sandboxed frame (sandbox="allow-same-origin":
 * no scripts, no forms, no pop-ups, no navigation; same-origin only so this page can measure it and scale it to
 * fit), under this page's Content Security Policy. Everything else a message carries (labels, ids) goes into the page
 * as text (textContent), never as markup.
 */
(function () {
  'use strict';

  var LABELS = {
    en: { idle: 'Welcome', connecting: 'Connecting', offline: 'Offline, reconnecting', replaced: 'Opened in another window',
          SEND_TO_PHONE: 'Send to my phone', DISMISS: 'No, thanks', accepted: 'Thank you!', sent: 'On its way to your phone',
          answered: 'Thank you for your answer!', score: 'Score', faces: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'] },
    de: { idle: 'Willkommen', connecting: 'Verbinde', offline: 'Offline, verbinde neu', replaced: 'In einem anderen Fenster geöffnet',
          SEND_TO_PHONE: 'Aufs Handy schicken', DISMISS: 'Nein, danke', accepted: 'Vielen Dank!', sent: 'Ist unterwegs auf Ihr Handy',
          answered: 'Danke für Ihre Antwort!', score: 'Bewertung', faces: ['Sehr unzufrieden', 'Unzufrieden', 'Neutral', 'Zufrieden', 'Sehr zufrieden'] },
    'zh-Hans': { idle: '欢迎光临', connecting: '正在连接', offline: '离线，正在重新连接', replaced: '已在另一个窗口中打开',
          SEND_TO_PHONE: '发送到我的手机', DISMISS: '不用了，谢谢', accepted: '谢谢！', sent: '已发送到您的手机',
          answered: '感谢您的回答！', score: '评分', faces: ['非常不满意', '不满意', '一般', '满意', '非常满意'] },
    'zh-Hant': { idle: '歡迎光臨', connecting: '正在連線', offline: '離線，正在重新連線', replaced: '已在另一個視窗中開啟',
          SEND_TO_PHONE: '傳送到我的手機', DISMISS: '不用了，謝謝', accepted: '謝謝！', sent: '已傳送到您的手機',
          answered: '感謝您的回答！', score: '評分', faces: ['非常不滿意', '不滿意', '一般', '滿意', '非常滿意'] }
  };
  var ACTION_ORDER = ['ACCEPT_OFFER', 'SEND_TO_PHONE', 'DISMISS'];
  // faces for a five-point scale (CSAT), lowest first: the y of the mouth's curve (a frown above 44, a smile below),
  // drawn as SVG so no emoji font is needed on the kiosk; the button's label says what each means
  var FACES = [30, 37, 44, 51, 58];
  var SVG = 'http://www.w3.org/2000/svg';
  var BACKOFF_START_MS = 500;
  var BACKOFF_MAX_MS = 30000;
  var CONFIRMATION_MS = 4000;
  var INTERACTION_GRACE_MS = 5000;
  var ACTIVITY_REPORT_MS = 5000;
  var REPLACED = 4409;
  var RESEND_START_MS = 1000;
  var RESEND_MAX_MS = 15000;
  var RESEND_GIVE_UP_MS = 10 * 60 * 1000;

  var page = document.getElementById('kiosk');
  var idle = document.getElementById('idle');
  var idleText = document.getElementById('idle-text');
  var stage = document.getElementById('stage');
  var frame = document.getElementById('screen');
  var actions = document.getElementById('actions');
  var confirmation = document.getElementById('confirmation');
  var confirmationText = document.getElementById('confirmation-text');
  var statusText = document.getElementById('status-text');

  var path = location.pathname.split('/');
  var kioskId = decodeURIComponent(path[path.length - 1]);
  var storeId = decodeURIComponent(path[path.length - 2]);
  var token = new URLSearchParams(location.search).get('token') || '';

  var socket = null;
  var attempt = 0;
  var heartbeatMs = 10000;
  var heartbeatTimer = null;
  var lastHeard = 0;
  var reconnectTimer = null;
  var stopped = false;
  var current = null; // { deliveryId, lang, timer }
  var confirmationTimer = null;
  var lastTouch = 0;
  var lastActivityReport = 0;
  var lang = 'en';
  var unacknowledged = {}; // deliveryId -> { action, since, delay, timer }

  function labels(tag) {
    var t = (tag || 'en').toLowerCase();
    if (t.indexOf('zh') === 0) {
      return /hant|-tw|-hk|-mo/.test(t) ? LABELS['zh-Hant'] : LABELS['zh-Hans'];
    }
    if (t.indexOf('de') === 0) {
      return LABELS.de;
    }
    return LABELS.en;
  }

  function safeLang(tag) {
    return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag || '') ? tag : 'en';
  }

  function setState(state) {
    page.setAttribute('data-state', state);
    var l = labels(lang);
    statusText.textContent = state === 'online' ? '' : (l[state] || l.connecting);
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------- connection

  function socketUrl() {
    var url = new URL('../ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams({ store: storeId, kiosk: kioskId, token: token }).toString();
    return url.toString();
  }

  function connect() {
    reconnectTimer = null;
    if (stopped) {
      return;
    }
    setState(attempt === 0 ? 'connecting' : 'offline');
    var ws;
    try {
      ws = new WebSocket(socketUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onmessage = function (event) {
      if (ws !== socket) {
        return;
      }
      lastHeard = Date.now();
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      onMessage(message);
    };
    ws.onclose = function (event) {
      if (ws !== socket) {
        return;
      }
      socket = null;
      clearInterval(heartbeatTimer);
      heartbeatTimer = null;
      if (event.code === REPLACED) {
        // another window of this kiosk took over: stop, or the two would take turns forever
        stopped = true;
        showIdle();
        setState('replaced');
        return;
      }
      setState('offline');
      scheduleReconnect();
    };
  }

  /** Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... up to 30 s, each between half and the full step. */
  function scheduleReconnect() {
    if (reconnectTimer || stopped) {
      return;
    }
    var step = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * Math.pow(2, attempt));
    attempt++;
    var delay = step / 2 + Math.random() * step / 2;
    page.setAttribute('data-reconnect-ms', String(Math.round(delay)));
    reconnectTimer = setTimeout(connect, delay);
  }

  function startHeartbeat() {
    clearInterval(heartbeatTimer);
    lastHeard = Date.now();
    heartbeatTimer = setInterval(function () {
      if (Date.now() - lastHeard > heartbeatMs * 3 && socket) {
        // the network went away without closing the socket: drop it and reconnect
        socket.close();
        return;
      }
      send({ type: 'ping' });
    }, heartbeatMs);
  }

  function onMessage(message) {
    switch (message.type) {
      case 'welcome':
        attempt = 0;
        heartbeatMs = Math.max(1000, Number(message.heartbeatMs) || 10000);
        page.setAttribute('data-session', String(Date.now()));
        startHeartbeat();
        setState('online');
        Object.keys(unacknowledged).forEach(resendAction);
        break;
      case 'ack':
      case 'gone':
        acknowledged(message.deliveryId);
        break;
      case 'retry':
        break; // the hub could not record it yet: the resend already scheduled sends it again
      case 'screen':
        onScreen(message);
        break;
      case 'withdraw':
        if (current && current.deliveryId === message.deliveryId) {
          showIdle();
        }
        break;
      default:
        break; // pong and anything newer
    }
  }

  // ---------------------------------------------------------------------------------------------- screens

  function onScreen(message) {
    if (typeof message.deliveryId !== 'string' || typeof message.html !== 'string') {
      return;
    }
    if (confirmationTimer || (current && Date.now() - lastTouch < INTERACTION_GRACE_MS)) {
      // a customer is using the screen that is up, or reading our thanks: do not pull it away under them
      send({ type: 'busy', deliveryId: message.deliveryId });
      return;
    }
    clearTimers();
    lang = safeLang(message.lang);
    var l = labels(lang);
    var shown = { deliveryId: message.deliveryId, lang: lang, timer: null };
    current = shown;

    frame.onload = function () {
      if (current !== shown) {
        return;
      }
      fit();
      // two frames later the screen has been painted
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          if (current === shown && send({ type: 'displayed', deliveryId: shown.deliveryId })) {
            page.setAttribute('data-displayed', shown.deliveryId);
            var displayFor = Math.max(1000, Number(message.displayForMs) || 30000);
            shown.timer = setTimeout(function () {
              if (current === shown) {
                send({ type: 'expired', deliveryId: shown.deliveryId });
                showIdle();
              }
            }, displayFor);
          }
        });
      });
    };
    frame.setAttribute('title', typeof message.headline === 'string' && message.headline ? message.headline
      : String(message.text || ''));
    frame.srcdoc = '<!DOCTYPE html><html lang="' + lang + '"><head><meta charset="utf-8">'
      + '<meta name="color-scheme" content="light dark">'
      + '<style>html,body{margin:0;padding:0;height:100%;}</style></head><body>' + message.html + '</body></html>';

    while (actions.firstChild) {
      actions.removeChild(actions.firstChild);
    }
    var offered = Array.isArray(message.actions) ? message.actions : ['DISMISS'];
    scale(shown, message, offered, l);
    ACTION_ORDER.forEach(function (action) {
      if (offered.indexOf(action) < 0) {
        return;
      }
      var label = action === 'ACCEPT_OFFER' ? message.callToAction : l[action];
      if (typeof label !== 'string' || !label) {
        return;
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'tp-action';
      button.setAttribute('data-action', action);
      button.textContent = label;
      button.addEventListener('click', function () { act(shown, action); });
      actions.appendChild(button);
    });
    page.setAttribute('data-screen', shown.deliveryId);
    page.removeAttribute('data-displayed');
    idle.hidden = true;
    confirmation.hidden = true;
    stage.hidden = false;
  }

  /**
   * Scales a screen that is taller than the frame down until it fits (kiosk screens come in portrait and landscape);
   * the frame is same-origin for this, but runs no scripts.
   */
  function fit() {
    var doc = frame.contentDocument;
    if (!doc || !doc.documentElement) {
      return;
    }
    var root = doc.documentElement;
    root.style.zoom = '';
    var needed = root.scrollHeight;
    var available = frame.clientHeight;
    if (needed > available && available > 0) {
      root.style.zoom = String(Math.max(0.5, available / needed));
    }
  }

  /**
   * A survey screen: one large button per score of its scale, faces for a five-point scale (CSAT, each with its
   * meaning as accessible name), numbers otherwise; a tap answers with that score.
   */
  function scale(shown, message, offered, l) {
    var survey = message.survey;
    if (offered.indexOf('ANSWER') < 0 || !survey || typeof survey.min !== 'number' || typeof survey.max !== 'number'
        || survey.min < 0 || survey.max > 10 || survey.min >= survey.max) {
      return;
    }
    var faces = survey.faces === true && survey.max - survey.min + 1 === FACES.length;
    var group = document.createElement('div');
    group.className = 'tp-scale' + (faces ? ' tp-scale-faces' : '');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', l.score);
    for (var score = survey.min; score <= survey.max; score++) {
      (function (value) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'tp-score';
        button.setAttribute('data-score', String(value));
        if (faces) {
          button.appendChild(face(FACES[value - survey.min]));
          button.setAttribute('aria-label', l.faces[value - survey.min] + ' (' + value + ')');
        } else {
          button.textContent = String(value);
          button.setAttribute('aria-label', l.score + ' ' + value);
        }
        button.addEventListener('click', function () { act(shown, 'ANSWER', value); });
        group.appendChild(button);
      })(score);
    }
    actions.appendChild(group);
  }

  function face(mouth) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 64 64');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'tp-face');
    var parts = [
      ['circle', { cx: 32, cy: 32, r: 28, fill: 'none', stroke: 'currentColor', 'stroke-width': 4 }],
      ['circle', { cx: 22, cy: 26, r: 4, fill: 'currentColor' }],
      ['circle', { cx: 42, cy: 26, r: 4, fill: 'currentColor' }],
      ['path', { d: 'M19 44 Q32 ' + mouth + ' 45 44', fill: 'none', stroke: 'currentColor', 'stroke-width': 4,
                 'stroke-linecap': 'round' }]
    ];
    parts.forEach(function (part) {
      var element = document.createElementNS(SVG, part[0]);
      Object.keys(part[1]).forEach(function (name) { element.setAttribute(name, String(part[1][name])); });
      svg.appendChild(element);
    });
    return svg;
  }

  function act(shown, action, score) {
    if (current !== shown) {
      return;
    }
    unacknowledged[shown.deliveryId] = { action: action, score: score, since: Date.now(), delay: RESEND_START_MS, timer: null };
    resendAction(shown.deliveryId);
    var l = labels(shown.lang);
    if (action === 'DISMISS') {
      showIdle();
      return;
    }
    clearTimers();
    current = null;
    confirmationText.textContent = action === 'ACCEPT_OFFER' ? l.accepted : action === 'ANSWER' ? l.answered : l.sent;
    page.setAttribute('data-confirmed', action);
    stage.hidden = true;
    confirmation.hidden = false;
    confirmationTimer = setTimeout(showIdle, CONFIRMATION_MS);
  }

  // ---------------------------------------------------------------------------------------------- actions

  function resendAction(deliveryId) {
    var pending = unacknowledged[deliveryId];
    if (!pending) {
      return;
    }
    if (Date.now() - pending.since > RESEND_GIVE_UP_MS) {
      delete unacknowledged[deliveryId];
      return;
    }
    var message = { type: 'action', deliveryId: deliveryId, action: pending.action };
    if (pending.action === 'ANSWER') {
      message.score = pending.score;
    }
    send(message);
    scheduleResend(deliveryId);
  }

  function scheduleResend(deliveryId) {
    var pending = unacknowledged[deliveryId];
    if (!pending) {
      return;
    }
    clearTimeout(pending.timer);
    pending.timer = setTimeout(function () { resendAction(deliveryId); }, pending.delay);
    pending.delay = Math.min(RESEND_MAX_MS, pending.delay * 2);
    page.setAttribute('data-unacknowledged', String(Object.keys(unacknowledged).length));
  }

  function acknowledged(deliveryId) {
    var pending = unacknowledged[deliveryId];
    if (pending) {
      clearTimeout(pending.timer);
      delete unacknowledged[deliveryId];
    }
    page.setAttribute('data-unacknowledged', String(Object.keys(unacknowledged).length));
  }

  function clearTimers() {
    if (current && current.timer) {
      clearTimeout(current.timer);
    }
    clearTimeout(confirmationTimer);
    confirmationTimer = null;
  }

  function showIdle() {
    clearTimers();
    current = null;
    frame.onload = null;
    frame.removeAttribute('srcdoc');
    page.removeAttribute('data-screen');
    page.removeAttribute('data-displayed');
    idleText.textContent = labels(lang).idle;
    stage.hidden = true;
    confirmation.hidden = true;
    idle.hidden = false;
  }

  // ---------------------------------------------------------------------------------------------- presence

  document.addEventListener('pointerdown', function () {
    var now = Date.now();
    lastTouch = now;
    if (now - lastActivityReport > ACTIVITY_REPORT_MS) {
      lastActivityReport = now;
      send({ type: 'activity' });
    }
  }, true);

  window.addEventListener('resize', function () {
    if (current) {
      fit();
    }
  });

  window.addEventListener('online', function () {
    if (!socket && reconnectTimer) {
      clearTimeout(reconnectTimer);
      reconnectTimer = null;
      connect();
    }
  });

  showIdle();
  connect();
}());
