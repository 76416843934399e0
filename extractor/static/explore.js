/* The page of extractor/explore.py: draws the graph of #graph-data with cytoscape.js and wires
   the search box, the filters and the details panel. Text from the data only ever goes into
   the page as textContent, never as HTML. window.explorer exposes the state (used by tests). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "class") { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function pretty(kind) { return String(kind).replace(/_/g, " "); }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // -- the graph ---------------------------------------------------------------------------
  var elements = DATA.nodes.map(function (n) {
    return { group: "nodes", data: n, position: { x: n.x, y: n.y } };
  }).concat(DATA.edges.map(function (e) { return { group: "edges", data: e }; }));

  var cy = cytoscape({
    container: $("cy"),
    elements: elements,
    layout: { name: "preset", fit: false },
    minZoom: 0.05,
    maxZoom: 5,
    boxSelectionEnabled: false,
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(name)", "font-size": "data(font)", "min-zoomed-font-size": 6,
        "text-valign": "bottom", "text-margin-y": 3, "color": "#1f2933",
        "text-outline-color": "#fff", "text-outline-width": 2, "text-outline-opacity": 0.9,
        "border-width": 1.5, "border-color": "#fff" } },
      { selector: "node[role = 'carrier']", style: { "shape": "round-rectangle",
        "font-weight": "bold" } },
      { selector: "node[degree = 0]", style: { "opacity": 0.75 } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "#8a97a6", "opacity": 0.75,
        "curve-style": "bezier", "overlay-padding": 4 } },
      { selector: "edge[status = 'proposed']", style: { "line-style": "dashed",
        "line-dash-pattern": [6, 4] } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: ".faded", style: { "opacity": 0.12, "text-opacity": 0.25 } },
      { selector: "edge.near", style: { "line-color": "#56606b", "opacity": 0.95 } },
      { selector: "node.found", style: { "border-width": 5, "border-color": "#f0a000",
        "z-index": 999, "text-opacity": 1, "font-size": 16, "min-zoomed-font-size": 0 } },
      { selector: "edge:selected", style: { "line-color": "#f0a000", "opacity": 1,
        "z-index": 999 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#f0a000",
        "min-zoomed-font-size": 0 } }
    ]
  });

  // -- filters -----------------------------------------------------------------------------
  function checkbox(container, value, label, before, count) {
    var box = el("input", { type: "checkbox", value: value });
    box.checked = true;
    box.addEventListener("change", apply);
    container.appendChild(el("label", { class: "row" }, [box].concat(before, [label,
      el("span", { class: "count", text: String(count || 0) })])));
    return box;
  }
  function counted(list, key) {
    var counts = {};
    list.forEach(function (item) {
      [].concat(item[key]).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
    });
    return counts;
  }
  function swatch(role, color) {
    var box = el("span", { class: "swatch" + (role === "carrier" ? " square" : "") });
    box.style.background = color || DATA.colors[role] || DATA.colors.company;
    return box;
  }
  var roleCounts = counted(DATA.nodes, "role");
  var roleBoxes = DATA.roles.map(function (role) {
    return checkbox($("f-roles"), role, role, [swatch(role)], roleCounts[role]);
  });
  var kindCounts = counted(DATA.edges, "kinds");
  var kindBoxes = DATA.kinds.map(function (kind) {
    return checkbox($("f-kinds"), kind, pretty(kind), [], kindCounts[kind]);
  });
  var statusCounts = counted(DATA.edges, "status");
  var statusBoxes = DATA.statuses.map(function (status) {
    return checkbox($("f-status"), status, status, [], statusCounts[status]);
  });
  var isolated = DATA.nodes.filter(function (n) { return n.degree === 0; }).length;
  $("n-isolated").textContent = "(" + isolated + ")";
  // companies without a deal are shown unless they would crowd out the others
  $("f-isolated").checked = isolated <= DATA.nodes.length - isolated || !DATA.edges.length;
  if (DATA.years) {
    ["f-year-from", "f-year-to"].forEach(function (id, i) {
      var input = $(id);
      input.min = DATA.years[0]; input.max = DATA.years[1]; input.value = DATA.years[i];
    });
  } else {
    $("f-year-from").disabled = $("f-year-to").disabled = true;
  }
  $("f-weight").max = DATA.maxWeight;
  $("max-weight").textContent = "(max " + DATA.maxWeight + ")";
  ["f-isolated", "f-no-year"].forEach(function (id) { $(id).addEventListener("change", apply); });
  ["f-year-from", "f-year-to", "f-weight"].forEach(function (id) {
    $(id).addEventListener("input", apply);
  });
  $("kinds-all").addEventListener("click", function () { setAll(kindBoxes, true); });
  $("kinds-none").addEventListener("click", function () { setAll(kindBoxes, false); });
  function setAll(boxes, on) { boxes.forEach(function (b) { b.checked = on; }); apply(); }
  function chosen(boxes) {
    var set = {};
    boxes.forEach(function (b) { if (b.checked) { set[b.value] = true; } });
    return set;
  }
  function number(id, fallback) {
    var v = parseInt($(id).value, 10);
    return isNaN(v) ? fallback : v;
  }

  function edgeShown(d, f) {
    if (!d.kinds.some(function (k) { return f.kinds[k]; })) { return false; }
    if (!f.statuses[d.status] || d.weight < f.weight) { return false; }
    if (!d.years.length) { return f.noYear; }
    return d.years.some(function (y) { return y >= f.from && y <= f.to; });
  }

  function apply() {
    var f = { kinds: chosen(kindBoxes), statuses: chosen(statusBoxes), roles: chosen(roleBoxes),
              weight: number("f-weight", 1), noYear: $("f-no-year").checked,
              from: number("f-year-from", -Infinity), to: number("f-year-to", Infinity),
              isolated: $("f-isolated").checked };
    cy.batch(function () {
      var keep = {};
      cy.edges().forEach(function (e) {
        var show = edgeShown(e.data(), f) && f.roles[e.source().data("role")] &&
                   f.roles[e.target().data("role")];
        e.toggleClass("hidden", !show);
        if (show) { keep[e.data("source")] = keep[e.data("target")] = true; }
      });
      cy.nodes().forEach(function (n) {
        var d = n.data();
        var show = f.roles[d.role] && (keep[d.id] || (d.degree === 0 && f.isolated) ||
                                       n.hasClass("found"));
        n.toggleClass("hidden", !show);
      });
    });
    counts();
  }

  function counts() {
    var nodes = cy.nodes().not(".hidden").length, edges = cy.edges().not(".hidden").length;
    $("counts").textContent = "showing " + nodes + " of " + plural(DATA.nodes.length,
      "company", "companies") + ", " + edges + " of " + plural(DATA.edges.length, "deal", "deals");
  }

  // -- details -----------------------------------------------------------------------------
  function details(children) {
    var panel = $("details");
    panel.textContent = "";
    children.forEach(function (c) { panel.appendChild(c); });
  }
  function facts(rows) {
    var dl = el("dl");
    rows.forEach(function (r) {
      if (r[1] === "" || r[1] === null || r[1] === undefined) { return; }
      dl.appendChild(el("dt", { text: r[0] }));
      dl.appendChild(el("dd", { text: String(r[1]) }));
    });
    return dl;
  }
  function focus(eles) {
    cy.elements().removeClass("faded near");
    if (eles) {
      cy.elements().not(eles).addClass("faded");
      eles.edges().addClass("near");
    }
  }

  function showNode(node) {
    var d = node.data();
    var deals = node.connectedEdges().sort(function (a, b) {
      return b.data("weight") - a.data("weight") || other(a, node).localeCompare(other(b, node));
    });
    var shown = deals.not(".hidden").length;
    var rows = deals.map(function (e) {
      var tr = el("tr", { class: "deal" + (e.hasClass("hidden") ? " hidden-deal" : "") }, [
        el("td", { text: other(e, node) }), el("td", { text: pretty(e.data("kind")) }),
        el("td", { text: e.data("status") }), el("td", { text: String(e.data("weight")) }),
        el("td", { text: e.data("years").join(", ") })]);
      tr.title = "show this deal";
      tr.addEventListener("click", function () { select(e, true); });
      return tr;
    });
    var parts = [el("h3", { text: d.name }), facts([
      ["role", d.role], ["degree", d.degree + (shown !== d.degree ? " (" + shown + " shown)" : "")],
      ["mentions", d.mentions], ["articles", d.articles],
      ["also written", d.aliases.join("; ")]])];
    if (node.hasClass("hidden")) {
      parts.push(el("p", { class: "note", text: "Hidden by the current filters." }));
    }
    parts.push(el("h2", { text: "Deals (" + d.degree + ")" }));
    parts.push(rows.length ? el("table", {}, [
      el("thead", {}, [el("tr", {}, ["with", "kind", "status", "articles", "years"].map(
        function (h) { return el("th", { text: h }); }))]),
      el("tbody", {}, rows)]) : el("p", { class: "meta", text: "No deal found." }));
    details(parts);
    focus(node.closedNeighborhood());
  }
  function other(edge, node) {
    return (edge.source().same(node) ? edge.target() : edge.source()).data("name");
  }

  function showEdge(edge) {
    var d = edge.data();
    var kinds = d.kinds.map(pretty).join(", ");
    var between = edge.source().data("name") + " — " + edge.target().data("name");
    var parts = [el("h3", { text: between }),
      facts([["kind", pretty(d.kind) + (d.kinds.length > 1 ? " (all: " + kinds + ")" : "")],
             ["status", d.status], ["articles", d.weight], ["years", d.years.join(", ")]]),
      el("h2", { text: d.evidence.length > 1 ? "Evidence" : "Evidence (first article)" })];
    if (d.evidence.length) {
      d.evidence.forEach(function (s) {
        parts.push(el("blockquote", { class: "evidence", text: s }));
      });
    } else {
      parts.push(el("p", { class: "meta", text: "No sentence kept." }));
    }
    parts.push(el("h2", { text: "Sources (" + plural(d.sources.length, "article", "articles") +
                                ")" }));
    parts.push(el("ul", { class: "sources" }, d.sources.map(function (s) {
      return el("li", { text: s });
    })));
    details(parts);
    focus(edge.union(edge.connectedNodes()));
  }

  function select(ele, show) {
    cy.elements().unselect();
    ele.select();
    if (ele.isNode()) { showNode(ele); } else { showEdge(ele); }
    if (show) {  // chosen from a list: bring it into view
      var zoom = Math.min(Math.max(cy.zoom(), 1.2), 2), box = ele.boundingBox();
      var x = (box.x1 + box.x2) / 2, y = (box.y1 + box.y2) / 2;
      cy.animate({ zoom: zoom, pan: { x: cy.width() / 2 - x * zoom,
                                      y: cy.height() / 2 - y * zoom } }, { duration: 300 });
    }
  }
  cy.on("tap", "node", function (evt) { select(evt.target); });
  cy.on("tap", "edge", function (evt) { select(evt.target); });
  cy.on("tap", function (evt) {
    if (evt.target === cy) {
      focus(null);
      cy.nodes(".found").removeClass("found");
      apply();
      overview();
    }
  });

  function overview() {  // the panel when nothing is selected: where to start
    var top = cy.nodes().filter(function (n) { return n.data("degree") > 0; }).sort(
      function (a, b) { return b.data("degree") - a.data("degree") ||
                               a.data("name").localeCompare(b.data("name")); }).slice(0, 10);
    var heavy = cy.edges().sort(function (a, b) { return b.data("weight") - a.data("weight"); })
      .slice(0, 5);
    function row(ele, cells) {
      var tr = el("tr", { class: "deal" }, cells.map(function (c) {
        return el("td", { text: c });
      }));
      tr.addEventListener("click", function () {
        if (ele.isNode()) { pick(ele); } else { select(ele, true); }
      });
      return tr;
    }
    var parts = [el("p", { class: "meta", text: "Click a company or a deal to see it here; " +
      "drag to pan, scroll to zoom, type a name in the box above to find a company." })];
    if (top.length) {
      parts.push(el("h2", { text: "Most deals" }));
      parts.push(el("table", {}, [el("tbody", {}, top.map(function (n) {
        return row(n, [n.data("name"), n.data("role"), plural(n.data("degree"), "deal", "deals")]);
      }))]));
    }
    if (heavy.length) {
      parts.push(el("h2", { text: "Deals in most articles" }));
      parts.push(el("table", {}, [el("tbody", {}, heavy.map(function (e) {
        return row(e, [e.source().data("name") + " — " + e.target().data("name"),
                       pretty(e.data("kind")), plural(e.data("weight"), "article", "articles")]);
      }))]));
    }
    details(parts);
  }

  // -- search ------------------------------------------------------------------------------
  var matches = [], active = 0;
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return []; }
    var found = cy.nodes().filter(function (n) {
      var d = n.data();
      return [d.name].concat(d.aliases).some(function (s) {
        return s.toLowerCase().indexOf(q) >= 0;
      });
    });
    return found.sort(function (a, b) {
      var sa = a.data("name").toLowerCase().indexOf(q) === 0 ? 0 : 1;
      var sb = b.data("name").toLowerCase().indexOf(q) === 0 ? 0 : 1;
      return sa - sb || b.data("degree") - a.data("degree") ||
             a.data("name").localeCompare(b.data("name"));
    }).toArray();
  }
  function listMatches() {
    var list = $("matches");
    list.textContent = "";
    matches.slice(0, 12).forEach(function (n, i) {
      var li = el("li", { class: i === active ? "active" : "" }, [
        swatch(n.data("role"), n.data("color")), n.data("name"),
        el("span", { class: "count", text: plural(n.data("degree"), "deal", "deals") })]);
      li.addEventListener("mousedown", function (evt) { evt.preventDefault(); pick(n); });
      list.appendChild(li);
    });
    if (matches.length > 12) {
      list.appendChild(el("li", { class: "meta", text: "… " + (matches.length - 12) + " more" }));
    }
    if (!matches.length && $("search").value.trim()) {
      list.appendChild(el("li", { class: "meta", text: "No company matches." }));
    }
    list.hidden = !list.children.length;
  }
  function pick(node) {
    cy.nodes(".found").removeClass("found");
    node.addClass("found");
    apply();  // a company the filters hide is shown while it is found
    $("matches").hidden = true;
    $("search").value = node.data("name");
    select(node);
    var zoom = Math.max(cy.zoom(), 1.3), at = node.position();  // the node, not its label
    cy.animate({ zoom: zoom, pan: { x: cy.width() / 2 - at.x * zoom,
                                    y: cy.height() / 2 - at.y * zoom } }, { duration: 300 });
  }
  $("search").addEventListener("input", function () {
    matches = find(this.value); active = 0; listMatches();
  });
  $("search").addEventListener("keydown", function (evt) {
    if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
      active = (active + (evt.key === "ArrowDown" ? 1 : -1) + matches.length) %
               Math.max(Math.min(matches.length, 12), 1);
      listMatches(); evt.preventDefault();
    } else if (evt.key === "Enter" && matches.length) {
      pick(matches[active] || matches[0]);
    } else if (evt.key === "Escape") {
      $("matches").hidden = true;
    }
  });
  $("search").addEventListener("blur", function () { $("matches").hidden = true; });
  $("search").addEventListener("focus", function () { if (matches.length) { listMatches(); } });

  // -- layout, fit, legend -----------------------------------------------------------------
  function fitView() {  // everything shown, but a small graph is not blown up
    var shown = cy.elements().not(".hidden");
    cy.fit(shown, 40);
    if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(shown); }
  }
  $("fit").addEventListener("click", fitView);
  $("layout").addEventListener("change", function () {
    var name = this.value, shown = cy.elements().not(".hidden");
    var options = { name: name, fit: true, padding: 40, animate: false };
    if (name === "preset") {
      options.positions = function (n) { return { x: n.data("x"), y: n.data("y") }; };
    } else if (name === "cose") {
      options.nodeRepulsion = function () { return 60000; };
      options.idealEdgeLength = function () { return 70; };
      options.randomize = true;
    } else if (name === "concentric") {
      options.concentric = function (n) { return n.data("degree"); };
      options.levelWidth = function () { return 2; };
      options.minNodeSpacing = 12;
    }
    (name === "preset" ? cy.elements() : shown).layout(options).run();
  });
  (function legend() {
    var box = $("legend");
    DATA.roles.forEach(function (role) {
      box.appendChild(el("div", { class: "row" }, [swatch(role), role === "carrier" ?
        "carrier (telecom operator)" : role === "partner" ? "partner of a carrier" :
        "other company"]));
    });
    [["line", "deal in 1 article"],
     DATA.maxWeight > 1 ? ["line thick", "deal in " + DATA.maxWeight + " articles"] : null,
     ["line dashed", "proposed (not agreed)"], ["line found", "selected"]].filter(Boolean)
      .forEach(function (r) {
      box.appendChild(el("div", { class: "row" }, [el("span", { class: r[0] }), r[1]]));
    });
    box.appendChild(el("p", { class: "meta", text: "Node size grows with the number of deals; " +
      "small labels appear as you zoom in." }));
  })();

  apply();
  overview();
  fitView();
  window.explorer = { cy: cy, apply: apply, find: find, pick: pick, select: select,
                      ready: true };
  document.body.setAttribute("data-ready", "true");
})();
