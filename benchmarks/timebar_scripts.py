"""Scripts the benchmarks run in the page to watch the time bar and the map (see ``benchmarks.timebar_probe``).

Every stamp is ``performance.timeOrigin + …``: the page and the map's same-origin iframe share
one clock that way.
"""

# The map's layer has drawn its file and the bar is there.
READY_JS = "() => window.__cmMap && window.__cmMap.shown && window.__cmBar"

# The time of each keydown (the event's own stamp), the last in ``__press``.
STAMP_JS = """() => { window.__press = 0; window.__keydowns = [];
  document.addEventListener('keydown', (e) => { window.__press = performance.timeOrigin + e.timeStamp;
    window.__keydowns.push(window.__press); }, true); }"""

# Each paint of the map's layer, stamped in ``__cmMap.__paints``: the layer sets ``painted`` after
# the animation frame that follows each redraw, so a setter sees every one.
PAINTS_JS = """() => {
  const map = window.__cmMap;
  if (map.__paints) { return; }
  let value = map.painted;
  map.__paints = [];
  Object.defineProperty(map, 'painted', {configurable: true, get: () => value,
    set: (stamp) => { value = stamp; map.__paints.push(stamp); }});
}"""

# Counts the page's WebSocket sends at each setWindow (the same task as the input that made it)
# and again once that window is painted: any difference is a message sent between an input and
# its paint (as tests/browser/test_timebar_in_browser.py checks).
WATCH_SENDS_JS = """() => {
  if (window.__sendsBeforePaint) { return; }
  window.__wsSent = 0; window.__sendsBeforePaint = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) { window.__wsSent++; return send.apply(this, args); };
  const map = window.__cmMap, setWindow = map.setWindow;
  map.setWindow = function (...args) {
    const at = window.__wsSent;
    setWindow.apply(this, args);
    requestAnimationFrame(() => setTimeout(() => window.__sendsBeforePaint.push(window.__wsSent - at), 0));
  };
}"""

# The header agrees with the map: "Showing N of" with the map's N for the bar's window, and the
# window's dates as the server writes them ("1 Jan 2012 – 14 Nov 2023").
HEADER_AGREES_JS = """() => {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const label = (n) => { const d = new Date(n * 864e5);
    return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`; };
  const bar = window.__cmBar, map = window.__cmMap;
  if (!bar || !map || !map.shown || map.shown.window.join() !== bar.window.join()) { return false; }
  const want = [`Showing ${map.shown.events.toLocaleString("en-US")} of`,
    `${label(bar.window[0])} – ${label(bar.window[1])}`];
  return [...document.querySelectorAll("[data-testid='stMarkdownContainer']")]
    .some((element) => want.every((text) => element.innerText.includes(text)));
}"""

# Playback set up: speed and step, loop on, the window back at the record's first day (no report).
PLAY_SETUP_JS = """([speed, step]) => {
  const bar = window.__cmBar;
  bar.speed.value = speed; bar.step.value = step; bar.loop.checked = true;
  bar.set(bar.first, bar.first, bar.first, 'none');
}"""
