/* Audience browser SDK: fills each [data-audience-placement] element with this user's banner, as text only
 * (never HTML), and reports impressions (at least half visible), clicks and dismissals. See docs/sdk.md. */
(function () {
  'use strict';
  if (window.Audience) return;

  const ATTR = 'data-audience-placement';
  const CLS = 'audience-banner';
  const KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
  const COLOUR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
  const STYLES = `
.${CLS}{display:flex;align-items:center;gap:12px;padding:12px 16px;border-radius:6px;font:14px/1.4 system-ui,sans-serif;background:#eef4ff;color:#1d2b45}
.${CLS}__image{max-height:48px;max-width:96px;object-fit:contain}
.${CLS}__content{flex:1;min-width:0}
.${CLS}__title{display:block;font-weight:600}
.${CLS}__body{margin:2px 0 0}
.${CLS}__test{margin-left:8px;padding:0 4px;border:1px solid;border-radius:3px;font-size:11px;font-weight:400;text-transform:uppercase}
.${CLS}__cta{padding:6px 12px;border-radius:4px;background:#2457c5;color:#fff;text-decoration:none;white-space:nowrap}
.${CLS}__close{border:0;background:none;color:inherit;font-size:20px;line-height:1;cursor:pointer;padding:0 4px}
.${CLS}--success{background:#e7f6ec;color:#17432a}.${CLS}--success .${CLS}__cta{background:#1f7a44}
.${CLS}--warning{background:#fff4dc;color:#4a3500}.${CLS}--warning .${CLS}__cta{background:#9a6700}
.${CLS}--promo{background:#f3e8ff;color:#3b1466}.${CLS}--promo .${CLS}__cta{background:#7a2fd0}
.${CLS}--dark{background:#1f2430;color:#f3f4f6}.${CLS}--dark .${CLS}__cta{background:#f3f4f6;color:#1f2430}
.${CLS}--light{background:#fff;color:#1f2430;border:1px solid #d8dce3}`;

  const script = document.currentScript;
  const loadedFrom = script && script.src ? new URL(script.src).origin : location.origin;
  const reported = new Set(); // banner ids whose impression this page view has reported
  const visible = new Map(); // banner element -> its id, while at least half of it is in the viewport
  let config = null;
  let observer = null;
  let generation = 0;
  let warned = false;

  function warn(message, error) {
    if (warned) return;
    warned = true;
    console.warn('Audience: ' + message, error || '');
  }

  function init(options) {
    const o = options || {};
    if (!o.key || !o.userId) {
      warn('Audience.init needs {key, userId}');
      return Promise.resolve();
    }
    config = {key: String(o.key), userId: String(o.userId), host: String(o.host || loadedFrom).replace(/\/+$/, '')};
    return refresh();
  }

  /** One request for all the page's placements, then renders each; resolves when done, never rejects. */
  async function refresh() {
    if (!config) {
      warn('call Audience.init first');
      return;
    }
    const cfg = config;
    const mine = ++generation;
    try {
      if (document.readyState === 'loading') {
        await new Promise(resolve => document.addEventListener('DOMContentLoaded', resolve, {once: true}));
      }
      const elements = Array.from(document.querySelectorAll('[' + ATTR + ']'));
      const placements = Array.from(new Set(elements.map(e => e.getAttribute(ATTR)))).filter(p => KEY.test(p));
      if (placements.length === 0) return;
      const query = new URLSearchParams({userId: cfg.userId});
      placements.forEach(p => query.append('placement', p));
      const response = await fetch(cfg.host + '/api/v1/banners?' + query, {headers: {Authorization: 'Bearer ' + cfg.key}});
      if (!response.ok) throw new Error('GET /api/v1/banners answered ' + response.status);
      const banners = (await response.json()).banners || {};
      if (mine !== generation) return; // a later refresh owns the page
      watch();
      elements.forEach(element => {
        const p = element.getAttribute(ATTR);
        if (Object.prototype.hasOwnProperty.call(banners, p)) fill(element, banners[p], cfg);
      });
    } catch (e) {
      warn('could not load banners', e);
    }
  }

  function watch() {
    if (observer) observer.disconnect();
    visible.clear();
    observer = new IntersectionObserver(entries => {
      entries.forEach(e => {
        if (e.isIntersecting && e.intersectionRatio >= 0.5) visible.set(e.target, e.target.dataset.audienceBanner);
        else visible.delete(e.target);
      });
      reportVisible();
    }, {threshold: [0, 0.5]});
  }

  function reportVisible() {
    if (document.visibilityState !== 'visible') return; // a tab in the background shows nothing
    visible.forEach((id, element) => {
      observer.unobserve(element);
      visible.delete(element);
      if (!reported.has(id)) {
        reported.add(id);
        report(config, id, 'impression');
      }
    });
  }

  function fill(element, banner, cfg) {
    element.textContent = '';
    if (!banner || typeof banner.id !== 'string') return;
    addStyles();
    const style = banner.style || {};
    const root = node('div', CLS + (KEY.test(style.preset || '') ? ' ' + CLS + '--' + style.preset : ''));
    root.dataset.audienceBanner = banner.id;
    colour(root, 'backgroundColor', style.background);
    colour(root, 'color', style.text);
    if (isHttp(banner.imageUrl)) {
      const img = node('img', CLS + '__image');
      img.alt = '';
      img.src = banner.imageUrl;
      root.appendChild(img);
    }
    const content = root.appendChild(node('div', CLS + '__content'));
    const title = content.appendChild(node('strong', CLS + '__title', banner.title));
    if (banner.test) title.appendChild(node('span', CLS + '__test', 'test'));
    if (banner.body) content.appendChild(node('p', CLS + '__body', banner.body));
    const cta = banner.cta;
    if (cta && isHttp(cta.url)) {
      const link = root.appendChild(node('a', CLS + '__cta', cta.label));
      link.href = cta.url;
      colour(link, 'backgroundColor', style.button);
      link.addEventListener('click', () => report(cfg, banner.id, 'click')); // the link still navigates
    }
    if (banner.dismissible) {
      const close = root.appendChild(node('button', CLS + '__close', '\u00d7'));
      close.type = 'button';
      close.setAttribute('aria-label', 'Dismiss');
      close.addEventListener('click', () => {
        if (observer) observer.unobserve(root);
        visible.delete(root);
        root.remove();
        report(cfg, banner.id, 'dismiss');
      });
    }
    element.appendChild(root);
    observer.observe(root);
  }

  /** keepalive: the request outlives the page, so a click that navigates away is still counted. */
  function report(cfg, id, type) {
    fetch(cfg.host + '/api/v1/banners/' + encodeURIComponent(id) + '/events', {
      method: 'POST',
      keepalive: true,
      headers: {Authorization: 'Bearer ' + cfg.key, 'Content-Type': 'application/json'},
      body: JSON.stringify({type: type, userId: cfg.userId})
    }).then(r => {
      if (!r.ok) throw new Error('POST answered ' + r.status);
    }).catch(e => warn('could not report ' + type, e));
  }

  function node(tag, className, text) {
    const n = document.createElement(tag);
    n.className = className;
    if (text != null) n.textContent = String(text);
    return n;
  }

  function colour(element, property, value) {
    if (typeof value === 'string' && COLOUR.test(value)) element.style[property] = value;
  }

  function isHttp(url) {
    try {
      const protocol = new URL(url).protocol;
      return protocol === 'http:' || protocol === 'https:';
    } catch (e) {
      return false;
    }
  }

  /** A constructed stylesheet (a strict style-src CSP allows it) where supported, else a <style>. */
  let styled = false;
  function addStyles() {
    if (styled) return;
    styled = true;
    if (window.CSSStyleSheet && 'adoptedStyleSheets' in document) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);
    } else {
      const tag = document.createElement('style');
      tag.textContent = STYLES;
      document.head.appendChild(tag);
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (observer) reportVisible();
  });

  window.Audience = {init: init, refresh: refresh};
})();
