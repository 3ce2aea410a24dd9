// The time bar under the map (components/timebar.py). It moves the map itself, synchronously, through
// window.__cmMap.setWindow (set by geo/map/templates/timeline_layer.js.j2 from streamlit-folium's
// same-origin iframe), and tells Python the window only when the user rests: ~200 ms idle, on
// release, on pause, about once a second while playing. One track carries the histogram of events
// over time (counted here from the file the map's layer loaded), the window's two handles and the
// as-of handle; every handle is a slider (role="slider", aria values read as dates, keys).
const DAY = 86400000;
const IDLE_MS = 200, PLAYING_MS = 1000;
// A frame due within this much of now counts as due (frames land on ~16.7 ms ticks, not on the step).
const FRAME_SLACK_MS = 4;
const BIN_PX = 6;  // a histogram bar every 6 px of track
const WINDOW_FILL = "#1f66b2", OUTSIDE_FILL = "#b7c0c9";
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const label = (day) => {  // "14 Nov 2023", as the server's header writes it
  const d = new Date(day * DAY);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
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

// Counts of events per bin over [first, last], by each event's first day: the layer's file holds
// exactly the events of the current attribute filters.
function histogram(firstDays, first, last, bins) {
  const counts = new Array(bins).fill(0), span = last - first + 1;
  for (const day of firstDays || []) {
    const bin = Math.floor(((day - first) / span) * bins);
    counts[Math.max(0, Math.min(bins - 1, bin))] += 1;
  }
  return counts;
}

function drawHistogram(canvas, counts, range, first, last) {
  const width = canvas.clientWidth, height = canvas.clientHeight, ratio = window.devicePixelRatio || 1;
  if (!width || !height) return;
  if (canvas.width !== Math.round(width * ratio)) { canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio); }
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const top = Math.max(1, ...counts), bar = width / counts.length, span = last - first + 1;
  counts.forEach((count, bin) => {
    if (!count) return;
    const from = first + (bin / counts.length) * span, to = first + ((bin + 1) / counts.length) * span;
    context.fillStyle = to > range.start && from <= range.end ? WINDOW_FILL : OUTSIDE_FILL;
    const h = Math.max(2, (count / top) * (height - 3));
    context.fillRect(bin * bar + 0.5, height - h, Math.max(1, bar - 1), h);
  });
}

function drawAxis(axis, first, last) {
  axis.replaceChildren();
  const y0 = new Date(first * DAY).getUTCFullYear(), y1 = new Date(last * DAY).getUTCFullYear();
  const every = Math.max(1, Math.ceil((y1 - y0 + 1) / Math.max(2, Math.floor(axis.clientWidth / 56))));
  for (let year = y0 + 1; year <= y1; year += 1) {
    if ((year - y0 - 1) % every) continue;
    const day = Math.floor(Date.UTC(year, 0, 1) / DAY), tick = document.createElement("span");
    tick.textContent = String(year);
    tick.style.left = `${((day - first) / Math.max(1, last - first)) * 100}%`;
    axis.appendChild(tick);
  }
}

function createBar(root, setStateValue) {
  const q = (name) => root.querySelector(`[data-part="${name}"]`);
  const bar = {
    first: 0, last: 0, window: [0, 0, 0], apart: false, rev: -1, seq: 0, playing: false, locked: false,
    start: q("start"), end: q("end"), asOf: q("asof"), play: q("play"), speed: q("speed"), step: q("step"),
    mode: q("mode"), loop: q("loop"), readout: q("readout"), status: q("status"), root: q("bar"),
    track: q("track"), band: q("band"), asOfLine: q("asofline"), canvas: q("histogram"), axis: q("axis"),
    counts: [], histogramOf: null,
  };
  let idle = null, lastSent = 0, frame = null, due = 0;
  const map = () => window.__cmMap;
  const at = (day) => `${((day - bar.first) / Math.max(1, bar.last - bar.first)) * 100}%`;
  bar.histogram = function () {  // recount when the layer has a new file or the track a new width
    const events = map() && map().data && map().data.events, bins = Math.max(20, Math.round(bar.track.clientWidth / BIN_PX));
    const key = `${map() && map().url}|${bins}|${bar.first}|${bar.last}`;
    if (!events || key === bar.histogramOf) return;
    bar.histogramOf = key;
    bar.counts = histogram(events.first, bar.first, bar.last, bins);
    bar.root.dataset.histogram = String(bar.counts.reduce((sum, count) => sum + count, 0));
    drawAxis(bar.axis, bar.first, bar.last);
  };
  function place(handle, day) {
    handle.style.left = at(day);
    handle.setAttribute("aria-valuemin", bar.first); handle.setAttribute("aria-valuemax", bar.last);
    handle.setAttribute("aria-valuenow", day); handle.setAttribute("aria-valuetext", label(day));
  }
  bar.apply = function () {  // the map first, in this task; then the bar's own drawing
    const [s, e, a] = bar.window, target = map();
    if (target && target.setWindow) target.setWindow(s, e, a);
    place(bar.start, s); place(bar.end, e); place(bar.asOf, a);
    bar.band.style.left = at(s); bar.band.style.width = `calc(${at(e)} - ${at(s)})`;
    bar.asOfLine.style.left = at(a);
    bar.histogram();
    drawHistogram(bar.canvas, bar.counts, {start: s, end: e}, bar.first, bar.last);
    bar.readout.textContent = `${label(s)} – ${label(e)} · as of ${label(a)}`;
    bar.root.dataset.window = `${iso(s)},${iso(e)},${iso(a)}`;
  };
  bar.send = function () {
    if (bar.gone) return;
    clearTimeout(idle); idle = null; lastSent = performance.now();
    const [s, e, a] = bar.window;
    bar.seq += 1;
    setStateValue("window", {start: s, end: e, as_of: a, seq: bar.seq, rev: bar.rev});
  };
  // Reports wait for the map's next paint: nothing goes out between a move and its paint, even
  // when a loaded machine delays the frame past the idle delay, or a pause lands mid-frame.
  bar.sendAfterPaint = function () {
    clearTimeout(idle); idle = null; lastSent = performance.now();
    requestAnimationFrame(() => setTimeout(bar.send, 0));
  };
  bar.later = function () { clearTimeout(idle); idle = setTimeout(bar.sendAfterPaint, IDLE_MS); };
  bar.flush = function () { if (idle || bar.playing) bar.send(); };  // the window on screen, before a click reports
  bar.halt = function () {  // a bar that is going sends nothing
    if (frame) cancelAnimationFrame(frame);
    frame = null; bar.playing = false; clearTimeout(idle); idle = null; bar.gone = true;
  };
  bar.set = function (s, e, a, report) {
    s = Math.max(bar.first, Math.min(s, bar.last)); e = Math.max(s, Math.min(e, bar.last));
    a = bar.apart ? Math.max(bar.first, Math.min(a, bar.last)) : e;
    bar.window = [s, e, a]; bar.apply();
    if (report === "now") bar.sendAfterPaint(); else if (report !== "none") bar.later();
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
  // One handle moved to ``day`` (drag, keys): the window's edges never cross; the as-of handle
  // set on the window's end follows it again, set anywhere else it is apart.
  bar.handleTo = function (handle, day, report) {
    if (bar.locked) return;
    const [s, e, a] = bar.window;
    if (handle === bar.start) bar.set(Math.min(day, e), e, a, report);
    else if (handle === bar.end) bar.set(s, Math.max(day, s), a, report);
    else { bar.apart = day !== e; bar.set(s, e, day, report); }
  };
  function tick(now) {
    frame = null;
    if (!bar.playing) return;
    const interval = 1000 / Number(bar.speed.value);
    if (now >= due - FRAME_SLACK_MS) {
      // Step from the previous due time, not from this frame's: a frame a little late must not push
      // every later step back by a whole frame (33 ms steps at 60 Hz became 50 ms). A long stall
      // (a hidden tab) starts afresh rather than catching up in a burst.
      due = due && now - due < interval ? due + interval : now + interval;
      if (bar.window[1] >= bar.last) {
        if (bar.loop.checked) {
          const width = bar.window[1] - bar.window[0];
          bar.set(bar.first, bar.mode.value === "moving" ? bar.first + width : bar.first, bar.first, "none");
        } else { bar.pause("End of the record"); return; }
      } else { bar.move(1); clearTimeout(idle); idle = null; }
      if (now - lastSent >= PLAYING_MS) bar.sendAfterPaint();
    }
    frame = requestAnimationFrame(tick);
  }
  bar.playNow = function () {
    if (bar.playing || bar.locked) return;
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
    if (was) bar.sendAfterPaint();
  };
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
    for (const handle of [bar.start, bar.end, bar.asOf]) handle.setAttribute("aria-disabled", String(locked));
    bar.root.dataset.locked = String(locked);
    if (locked) bar.status.textContent = "The story's step sets the dates";
  };
  wireHandles(bar);
  wireKeys(bar);
  return bar;
}

// Pointer: drag a handle, or press on the track to bring the nearer window edge there.
function wireHandles(bar) {
  let dragging = null;
  const dayAt = (x) => {
    const box = bar.track.getBoundingClientRect();
    return Math.round(bar.first + ((x - box.left) / Math.max(1, box.width)) * (bar.last - bar.first));
  };
  bar.track.addEventListener("pointerdown", (event) => {
    if (bar.locked || event.button !== 0) return;
    const day = dayAt(event.clientX), [s, e] = bar.window;
    dragging = [bar.start, bar.end, bar.asOf].includes(event.target) ? event.target
      : (Math.abs(day - s) < Math.abs(day - e) ? bar.start : bar.end);
    bar.track.setPointerCapture(event.pointerId);
    dragging.focus({preventScroll: true});
    bar.handleTo(dragging, day);
    event.preventDefault();
  });
  bar.track.addEventListener("pointermove", (event) => { if (dragging) bar.handleTo(dragging, dayAt(event.clientX)); });
  const release = () => { if (dragging) { dragging = null; bar.sendAfterPaint(); } };  // release reports at once
  bar.track.addEventListener("pointerup", release);
  bar.track.addEventListener("pointercancel", release);
}

// Keys on a focused handle: arrows a day, PageUp/PageDown a tenth of the record, Home/End its
// bounds (they wait for idle before reporting). Off the handles: arrows one step; space plays or
// pauses and Esc pauses everywhere on the bar. The page's own listener never sees these twice.
function wireKeys(bar) {
  const handles = [bar.start, bar.end, bar.asOf];
  bar.root.addEventListener("keydown", (event) => {
    const handle = handles.includes(event.target) ? event.target : null;
    if (event.key === " " && event.target.closest("button, input, select")) return;  // its own click
    if (event.key === " ") { event.preventDefault(); bar.key(" "); event.stopPropagation(); return; }
    if (event.key === "Escape") { bar.pause(); return; }  // and the page's listener may leave presentation
    if (bar.locked) return;  // the page's listener steps the story
    const page = Math.max(1, Math.round((bar.last - bar.first) / 10));
    const delta = {ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: page, PageDown: -page}[event.key];
    if (handle && (delta || event.key === "Home" || event.key === "End")) {
      const now = Number(handle.getAttribute("aria-valuenow"));
      bar.handleTo(handle, event.key === "Home" ? bar.first : event.key === "End" ? bar.last : now + delta);
    } else if (!handle && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      bar.move(event.key === "ArrowRight" ? 1 : -1);
    } else { return; }
    event.preventDefault();
    event.stopPropagation();
  });
  bar.play.addEventListener("click", () => (bar.playing ? bar.pause() : bar.playNow()));
  bar.root.querySelector('[data-part="back"]').addEventListener("click", () => bar.move(-1));
  bar.root.querySelector('[data-part="forward"]').addEventListener("click", () => bar.move(1));
}

// Listeners on the page's window go when this bar does (the returned cleanup), not with each data update.
function listen(bar, setStateValue) {
  const onMapReady = () => bar.apply();  // a remounted map gets the window again
  const onMapData = () => bar.apply();  // a new file (filters changed): a new histogram
  // A click on an event's symbol in the map: its id (data, not popup text) goes to Python at once.
  let picks = 0;
  const onEventClick = (event) => {
    const id = event.detail && event.detail.id;
    if (typeof id !== "string" || !id) return;
    bar.flush();  // the window on screen first: the symbol was drawn for it
    setStateValue("picked", {id: id, n: ++picks, at: Date.now()});
  };
  const resize = new ResizeObserver(() => bar.apply());
  resize.observe(bar.track);
  window.addEventListener("cm-map-ready", onMapReady);
  window.addEventListener("cm-map-data", onMapData);
  window.addEventListener("cm-event-click", onEventClick);
  return () => {
    resize.disconnect();
    window.removeEventListener("cm-map-ready", onMapReady);
    window.removeEventListener("cm-map-data", onMapData);
    window.removeEventListener("cm-event-click", onEventClick);
  };
}

export default function ({data, parentElement, setStateValue}) {
  let bar = parentElement.__cmBar;
  if (!bar) {
    bar = parentElement.__cmBar = createBar(parentElement, setStateValue);
    const unlisten = listen(bar, setStateValue);
    bar.stop = function () { bar.halt(); unlisten(); };
    window.__cmBar = bar;
  }
  bar.first = data.first; bar.last = data.last;
  // Only a newer server revision (story step, shared link) moves the bar: the echo of what the
  // bar itself sent carries the revision it already has.
  if (data.rev > bar.rev) {
    bar.rev = data.rev; bar.apart = data.window[2] !== data.window[1];
    bar.pause(); bar.status.textContent = "";
    bar.set(data.window[0], data.window[1], data.window[2], "none");
  } else { bar.apply(); }
  bar.lock(Boolean(data.locked));
  return () => { bar.stop(); delete parentElement.__cmBar; if (window.__cmBar === bar) delete window.__cmBar; };
}
