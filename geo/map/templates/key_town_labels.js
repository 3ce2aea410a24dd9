// Key-town labels, the same on the live map (towns.js.j2) and on the exports (fixed_labels.js.j2):
// see geo/map/labels.py. Our code, inserted into both scripts as it is; text only via textContent.
var HOLDER_ANCHOR = [-21, 9];  // a label starts 21 px right of its town, its text on the town's line
var HOLDER_GAP = 6;  // px kept between two labels: their 2 px shadows stay 2 px apart
var HOLDER_EDGE = 4;  // px kept inside the map's edge
var HOLDER_LEFT = 5;  // px between a label left of its town and the town's dot
var HOLDER_PULL = 4;  // px a label may be pulled left at the map's edge (its own square stays clear)
// Where no spot is clear: text on text is worse than a label on a town's mark, worse than one under a
// control (which stays readable above it).
var HOLDER_WEIGHT = {label: 10, mark: 3, control: 1};
var HOLDER_REACH = 2.5;  // a label moves up or down at most this many of its heights: it stays by its town
// The label's box (the name in bold, then the holder), in a marker at the town; not yet on the map.
function holderLabel(town, at, pane, options) {
  var box = document.createElement("div"), name = document.createElement("b"), rest = document.createElement("span");
  name.textContent = town; box.appendChild(name); box.appendChild(rest);
  box.className = "cm-holder-text"; box.setAttribute("data-town", town);
  var icon = L.divIcon({html: box, iconSize: null, iconAnchor: HOLDER_ANCHOR, className: "cm-holder"});
  return {marker: L.marker(at, L.extend({icon: icon, pane: pane}, options)), box: box, rest: rest, town: town};
}
// "Kidal · FLA since 28 Apr 2026" as Python wrote it (data.view.changes.Holder.label, one wording for
// the map and the brief): the town's name in bold, then the rest; the name alone on a day nobody holds it.
function writeHolder(label, text, colour, status) {
  label.rest.textContent = text ? text.slice(label.town.length) : "";
  label.box.style.borderLeftColor = text ? colour : "transparent";
  label.box.setAttribute("data-status", text ? status : "");
}
// The base map's own name of a labelled town is set aside: its label says it.
function hidePlaceNames(map, towns) {
  map.getContainer().querySelectorAll(".cm-label[data-place]").forEach(function (node) {
    node.style.display = towns.indexOf(node.getAttribute("data-place")) >= 0 ? "none" : "";
  });
}
function movedBy(r, dx, dy) {
  return {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy};
}
// How much of box a lies within HOLDER_GAP of box b, in px² (0: clear of it).
function clash(a, b) {
  var w = Math.min(a.right, b.right + HOLDER_GAP) - Math.max(a.left, b.left - HOLDER_GAP);
  var h = Math.min(a.bottom, b.bottom + HOLDER_GAP) - Math.max(a.top, b.top - HOLDER_GAP);
  return w > 0 && h > 0 ? w * h : 0;
}
// Right of the town (pulled in by up to HOLDER_PULL px at the map's right edge, a cost of as many),
// or left of it, ending HOLDER_LEFT px before its dot (the square is on the other side; at 21 px, as
// far as a label starts right of it, the brief's stacked labels read as off their towns), a cost of
// half the label's height (a nudge of a few pixels reads better than a jump across the town),
// whichever stay inside the map; with room on neither side, just inside. [dx, cost] each.
function holderSides(r, edge) {
  var sides = [], left = -(r.width - HOLDER_ANCHOR[0] + HOLDER_LEFT), over = r.right - (edge.right - HOLDER_EDGE);
  if (over <= HOLDER_PULL) { sides.push([Math.min(0, -over), Math.max(0, over)]); }
  if (r.left + left >= edge.left + HOLDER_EDGE) { sides.push([left, r.height / 2]); }
  return sides.length ? sides : [[-over, 0]];
}
// Where a label goes: the clear spot (never out of the map) that costs least, a move up or down just
// clear of a box placed before it costing its length on top of its side's cost; with no clear spot,
// the one where it overlaps least, a box's overlap weighed by what it is (HOLDER_WEIGHT: at the map's
// edge Ménaka's label went onto Gao's rather than under the attribution line).
function holderSpot(r, edge, placed) {
  var spots = [];
  holderSides(r, edge).forEach(function (side, order) {
    var dys = [0];
    placed.forEach(function (q) { dys.push(q.bottom + HOLDER_GAP - r.top, q.top - HOLDER_GAP - r.bottom); });
    dys.forEach(function (dy) { spots.push({dx: side[0], dy: dy, cost: side[1] + Math.abs(dy), order: order}); });
  });
  spots = spots.filter(function (s) {  // within two lines and a half of its town, inside the map
    if (Math.abs(s.dy) > HOLDER_REACH * r.height) { return false; }
    return s.dy === 0 || (s.dy < 0 ? r.top + s.dy >= edge.top + HOLDER_EDGE : r.bottom + s.dy <= edge.bottom - HOLDER_EDGE);
  });
  spots.sort(function (a, b) { return a.cost - b.cost || a.order - b.order; });
  var best = null;
  spots.forEach(function (s) {
    var at = movedBy(r, s.dx, s.dy);
    s.overlap = placed.reduce(function (sum, q) { return sum + clash(at, q) * (q.weight || 1); }, 0);
    if (!best || s.overlap < best.overlap) { best = s; }
  });
  return best;
}
// The map's controls in its corners (zoom, legend, scale, attribution; on an export the stamp and
// the north arrow): a label is never under one.
function controlBoxes(map) {
  var boxes = [];
  map.getContainer().querySelectorAll(".leaflet-control").forEach(function (control) {
    var r = control.getBoundingClientRect();
    if (r.width && r.height) { boxes.push(L.extend(movedBy(r, 0, 0), {weight: HOLDER_WEIGHT.control})); }
  });
  return boxes;
}
// Where Leaflet puts a label, unmoved, in the page's coordinates: from its town's point, not from the
// box on screen, which may still be gliding there (markercluster eases every marker of an export's
// map into place after a zoom; measured mid-way, Gao's label was placed 50 px from where it came to rest).
// A town out of sight, its square's middle (12 px right of it, 10 px up) outside the map's view or
// under one of its controls, has no label on the map (Ménaka's peeked in at the bottom edge, half
// under the attribution line): hidden, and not placed.
function holderBox(map, origin, label, controls) {
  var w = label.box.offsetWidth, h = label.box.offsetHeight, size = map.getSize();
  var p = map.latLngToContainerPoint(label.marker.getLatLng());
  var x = origin.left + p.x, y = origin.top + p.y, sx = p.x + 12, sy = p.y - 10;
  var off = sx < 0 || sy < 0 || sx > size.x || sy > size.y || controls.some(function (c) {
    return c.left <= origin.left + sx && origin.left + sx <= c.right && c.top <= origin.top + sy && origin.top + sy <= c.bottom;
  });
  label.box.style.visibility = off ? "hidden" : "";
  if (!w || off) { return null; }  // not on the page, or its town out of sight
  var left = x - HOLDER_ANCHOR[0], top = y - HOLDER_ANCHOR[1];
  return {left: left, top: top, right: left + w, bottom: top + h, width: w, height: h};
}
// A key town's mark: its dot and its square (right of the town, 4-20 px; 2-18 px above it), which
// another town's label must leave in view.
function townMark(r) {
  var x = r.left + HOLDER_ANCHOR[0], y = r.top + HOLDER_ANCHOR[1];
  return {left: x - 3, right: x + 20, top: y - 18, bottom: y + 3, weight: HOLDER_WEIGHT.mark};
}
// Labels in rank order (KEY_TOWNS): the first keeps its place unless a control covers it, each later
// one takes the best spot left by the controls, the key towns' marks and the labels before it
// (Timbuktu's went under Gao's at projector size, Kidal's under the stamp of a picture, Gao's across
// Timbuktu in the brief's). All boxes are read first, then all moves written: one layout.
function placeHolders(map, labels) {
  var edge = map.getContainer().getBoundingClientRect(), controls = controlBoxes(map), placed = [];
  labels = labels.slice().sort(function (a, b) { return a.rank - b.rank; });
  var boxes = labels.map(function (label) { return holderBox(map, edge, label, controls); });
  var marks = boxes.map(function (r) { return r && townMark(r); });
  labels.forEach(function (label, i) {
    var r = boxes[i];
    if (!r) { label.box.style.transform = ""; return; }
    var others = marks.filter(function (mark, j) { return mark && j !== i; });
    var spot = holderSpot(r, edge, controls.concat(others, placed));
    label.box.style.transform = spot.dx || spot.dy ? "translate(" + spot.dx + "px, " + spot.dy + "px)" : "";
    placed.push(L.extend(movedBy(r, spot.dx, spot.dy), {weight: HOLDER_WEIGHT.label}));
  });
}
// place() again whenever a corner's controls change size: a control added, the legend folded or
// opened, its rows shown or hidden after a redraw.
function watchControls(map, place) {
  if (!window.ResizeObserver) { return; }
  var observer = new ResizeObserver(function () { place(); });
  map.getContainer().querySelectorAll(".leaflet-control-container > div").forEach(function (corner) {
    observer.observe(corner);
  });
}
