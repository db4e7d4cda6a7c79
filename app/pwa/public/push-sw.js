// Push notifications in the service worker: imported by the worker vite-plugin-pwa generates (workbox.importScripts
// in vite.config.ts), so plain script, run as is. Its tests run this very file (push-sw.test.ts).
(function (scope) {
  'use strict';

  var NEUTRAL_TITLE = 'Hearth';
  var NEUTRAL_BODY = 'You have a new notification';
  var FALLBACK_LINK = '/notifications';
  var ICON = '/icons/icon-192.png';

  /** A path of this app only: a link that leaves the origin (or is no path at all) goes to the notification centre. */
  function safeLink(link, origin) {
    if (typeof link !== 'string' || link.charAt(0) !== '/' || link.charAt(1) === '/' || link.charAt(1) === '\\') {
      return FALLBACK_LINK;
    }
    try {
      var url = new URL(link, origin);
      return url.origin === origin ? url.pathname + url.search + url.hash : FALLBACK_LINK;
    } catch (e) {
      return FALLBACK_LINK;
    }
  }

  function text(value, fallback, max) {
    return typeof value === 'string' && value.trim() !== '' ? value.slice(0, max) : fallback;
  }

  /**
   * What the server pushed (JSON: id, kind, safety, title, body, link; the text only where he allowed previews) as the
   * notification to show. Anything unreadable still shows a neutral notification: a push must show one.
   */
  function notificationOf(payload, origin) {
    var data = payload && typeof payload === 'object' ? payload : {};
    var id = typeof data.id === 'string' ? data.id : null;
    var options = {
      body: text(data.body, NEUTRAL_BODY, 1000),
      icon: ICON,
      data: { link: safeLink(data.link, origin), id: id },
      // A safety notice stays on screen until he acts on it.
      requireInteraction: data.safety === true,
    };
    if (id) {
      // The same notification pushed twice replaces itself.
      options.tag = 'notification-' + id;
    }
    return { title: text(data.title, NEUTRAL_TITLE, 200), options: options };
  }

  function payloadOf(event) {
    if (!event.data) {
      return null;
    }
    try {
      return event.data.json();
    } catch (e) {
      return null;
    }
  }

  /** Focuses a window of the app and takes it to the link, or opens one there. */
  function open(link) {
    var origin = scope.location.origin;
    var target = new URL(safeLink(link, origin), origin).href;
    return scope.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      var ours = windows.filter(function (client) {
        return new URL(client.url).origin === origin;
      });
      var client = ours.filter(function (candidate) { return candidate.focused; })[0] || ours[0];
      if (!client) {
        return scope.clients.openWindow(target);
      }
      return client.focus()
        .then(function (focused) {
          var shown = focused || client;
          return shown.url === target ? shown : shown.navigate(target);
        })
        .catch(function () {
          // A window this worker does not control cannot be navigated: open one instead.
          return scope.clients.openWindow(target);
        });
    });
  }

  scope.addEventListener('push', function (event) {
    var shown = notificationOf(payloadOf(event), scope.location.origin);
    event.waitUntil(scope.registration.showNotification(shown.title, shown.options));
  });

  scope.addEventListener('notificationclick', function (event) {
    event.notification.close();
    var data = event.notification.data || {};
    event.waitUntil(open(data.link));
  });
})(self);
