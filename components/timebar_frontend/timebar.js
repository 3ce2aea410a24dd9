// The time bar under the map (components/timebar.py). It moves the map itself, synchronously, through
// window.__cmMap.setWindow (set by geo/map/templates/timeline_layer.js.j2 from streamlit-folium's
// same-origin iframe), and tells Python the window only when the user rests: ~200 ms idle, on
// release, on pause, about once a second while playing.
const DAY = 86400000;
const IDLE_MS = 200, PLAYING_MS = 1000;
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const label = (day) => new Date(day * DAY).toLocaleDateString("en-GB", {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"});
const monthEnd = (y, m) => Math.floor(Date.UTC(y, m + 1, 0) / DAY);  // m may run past 11

function stepDay(day, step, direction) {
  if (step === "day") return day + direction;
  if (step === "week") return day + 7 * direction;
  const d = new Date(day * DAY), y = d.getUTCFullYear(), m = d.getUTCMonth();
  if (step === "month") {  // month steps land on month ends
    const end = monthEnd(y, m);
    return direction > 0 ? (day < end ? end : monthEnd(y, m + 1)) : monthEnd(y, m - 1);
  }
  return Math.floor(Date.UTC(y + direction, m, Math.min(d.getUTCDate(), 28)) / DAY);
}

function createBar(root, setStateValue) {
  const q = (name) => root.querySelector(`[data-part="${name}"]`);
  const bar = {
    first: 0, last: 0, window: [0, 0, 0], apart: false, rev: -1, seq: 0, playing: false,
    start: q("start"), end: q("end"), asOf: q("asof"), play: q("play"), speed: q("speed"), step: q("step"),
    mode: q("mode"), loop: q("loop"), readout: q("readout"), status: q("status"),
  };
  let idle = null, lastSent = 0, frame = null, due = 0;
  const map = () => window.__cmMap;
  bar.apply = function () {  // the map first, in this task; then the bar's own readout
    const [s, e, a] = bar.window, target = map();
    if (target && target.setWindow) target.setWindow(s, e, a);
    bar.start.value = s; bar.end.value = e; bar.asOf.value = a;
    for (const [input, day] of [[bar.start, s], [bar.end, e], [bar.asOf, a]]) {
      input.setAttribute("aria-valuetext", label(day));
    }
    bar.readout.textContent = `${label(s)} – ${label(e)} · as of ${label(a)}`;
    bar.root.dataset.window = `${iso(s)},${iso(e)},${iso(a)}`;
  };
  bar.send = function () {
    clearTimeout(idle); idle = null; lastSent = performance.now();
    const [s, e, a] = bar.window;
    bar.seq += 1;
    setStateValue("window", {start: s, end: e, as_of: a, seq: bar.seq, rev: bar.rev});
  };
  bar.later = function () { clearTimeout(idle); idle = setTimeout(bar.send, IDLE_MS); };
  bar.set = function (s, e, a, report) {
    s = Math.max(bar.first, Math.min(s, bar.last)); e = Math.max(s, Math.min(e, bar.last));
    a = bar.apart ? Math.max(bar.first, Math.min(a, bar.last)) : e;
    bar.window = [s, e, a]; bar.apply();
    if (report === "now") bar.send(); else if (report !== "none") bar.later();
  };
  bar.move = function (direction) {
    const [s, e, a] = bar.window, step = bar.step.value;
    if (bar.mode.value === "moving") {
      const width = e - s, end = stepDay(e, step, direction);
      bar.set(end - width, end, end);
    } else {
      bar.set(s, stepDay(e, step, direction), stepDay(e, step, direction));
    }
  };
  function tick(now) {
    frame = null;
    if (!bar.playing) return;
    if (now >= due) {
      due = now + 1000 / Number(bar.speed.value);
      if (bar.window[1] >= bar.last) {
        if (bar.loop.checked) {
          const width = bar.window[1] - bar.window[0];
          bar.set(bar.first, bar.mode.value === "moving" ? bar.first + width : bar.first, bar.first, "none");
        } else { bar.pause("End of the record"); return; }
      } else { bar.move(1); clearTimeout(idle); idle = null; }
      if (now - lastSent >= PLAYING_MS) bar.send();
    }
    frame = requestAnimationFrame(tick);
  }
  bar.playNow = function () {
    if (bar.playing) return;
    if (bar.window[1] >= bar.last && !bar.loop.checked) {
      const width = bar.window[1] - bar.window[0];
      bar.set(bar.first, bar.mode.value === "moving" ? bar.first + width : bar.first, bar.first, "none");
    }
    bar.playing = true; bar.play.textContent = "Pause"; bar.play.setAttribute("aria-pressed", "true");
    bar.status.textContent = "Playing"; due = 0; frame = requestAnimationFrame(tick);
  };
  bar.pause = function (why) {
    if (frame) cancelAnimationFrame(frame);
    frame = null; const was = bar.playing; bar.playing = false;
    bar.play.textContent = "Play"; bar.play.setAttribute("aria-pressed", "false");
    bar.status.textContent = why || (was ? "Paused" : "");
    if (was) bar.send();
  };
  bar.root = q("bar");
  // A key the page's listener (components/keys_frontend) offers the bar: true when the bar took it.
  // While a story is told the bar is locked: space does nothing, the arrows step the story (server).
  bar.key = function (name) {
    if (name === " ") { if (!bar.locked) { bar.playing ? bar.pause() : bar.playNow(); } return true; }
    if (name === "Escape") { bar.pause(); return false; }
    if (bar.locked || (name !== "ArrowRight" && name !== "ArrowLeft")) return false;
    bar.move(name === "ArrowRight" ? 1 : -1);
    return true;
  };
  bar.lock = function (locked) {
    bar.locked = locked;
    if (locked) bar.pause();
    for (const input of root.querySelectorAll("input, select, button")) input.disabled = locked;
    bar.root.dataset.locked = locked ? "true" : "false";
    bar.status.textContent = locked ? "The story's step sets the dates" : bar.status.textContent;
  };
  const onInput = (which) => () => {
    const s = Number(bar.start.value), e = Number(bar.end.value), a = Number(bar.asOf.value);
    if (which === "start") bar.set(s, Math.max(s, e), a);
    else if (which === "end") bar.set(Math.min(s, e), e, a);
    else { bar.apart = true; bar.set(bar.window[0], bar.window[1], a); }
  };
  for (const name of ["start", "end", "asOf"]) {
    bar[name].addEventListener("input", onInput(name === "asOf" ? "asof" : name));
    // Release of a drag reports at once; keys fire "change" on every press, so they wait for idle.
    bar[name].addEventListener("pointerup", () => { if (idle) bar.send(); });
  }
  bar.play.addEventListener("click", () => (bar.playing ? bar.pause() : bar.playNow()));
  q("back").addEventListener("click", () => bar.move(-1));
  q("forward").addEventListener("click", () => bar.move(1));
  bar.root.addEventListener("keydown", (event) => {
    const onRange = event.target && event.target.type === "range";
    if (bar.locked && event.key !== " ") return;  // the page's listener steps the story
    if (event.key === " ") { event.preventDefault(); if (!bar.locked) bar.playing ? bar.pause() : bar.playNow(); }
    else if (event.key === "Escape") { bar.pause(); }
    else if (!onRange && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      event.preventDefault(); bar.move(event.key === "ArrowRight" ? 1 : -1);
    } else { return; }
    event.stopPropagation();  // the page's shortcut listener must not see it twice
  });
  // Listeners on the page's window go when this bar does (the returned cleanup), not with each data update.
  const onMapReady = () => bar.apply();  // a remounted map gets the window again
  // A click on an event's symbol in the map: its id (data, not popup text) goes to Python at once.
  let picks = 0;
  const onEventClick = (event) => {
    const id = event.detail && event.detail.id;
    if (typeof id !== "string" || !id) return;
    if (idle || bar.playing) bar.send();  // the window on screen first: the symbol was drawn for it
    setStateValue("picked", {id: id, n: ++picks, at: Date.now()});
  };
  window.addEventListener("cm-map-ready", onMapReady);
  window.addEventListener("cm-event-click", onEventClick);
  bar.stop = function () {
    if (frame) cancelAnimationFrame(frame);
    frame = null; bar.playing = false; clearTimeout(idle); idle = null;  // nothing is sent from a bar that is going
    window.removeEventListener("cm-map-ready", onMapReady);
    window.removeEventListener("cm-event-click", onEventClick);
  };
  return bar;
}

export default function ({data, parentElement, setStateValue}) {
  let bar = parentElement.__cmBar;
  if (!bar) { bar = parentElement.__cmBar = createBar(parentElement, setStateValue); window.__cmBar = bar; }
  bar.first = data.first; bar.last = data.last;
  for (const input of [bar.start, bar.end, bar.asOf]) {
    input.min = data.first; input.max = data.last;
    input.setAttribute("aria-valuemin", data.first); input.setAttribute("aria-valuemax", data.last);
  }
  // Only a newer server revision (story step, shared link, reset, the page's own slider) moves the
  // bar: the echo of what the bar itself sent carries the revision it already has.
  if (data.rev > bar.rev) {
    bar.rev = data.rev; bar.apart = data.window[2] !== data.window[1];
    bar.pause(); bar.status.textContent = "";
    bar.set(data.window[0], data.window[1], data.window[2], "none");
  } else { bar.apply(); }
  bar.lock(Boolean(data.locked));
  return () => { bar.stop(); delete parentElement.__cmBar; if (window.__cmBar === bar) delete window.__cmBar; };
}
