// The live ranking board: reads /board/api (same access rules as the API), follows /board/api/watch (Server-Sent
// Events, resumed by the browser with Last-Event-ID), re-sorts its copy on each update as the CLI's live view does
// (index descending, Vietnamese name, code; competition rank 1, 2, 2, 4) and highlights rows that moved.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const collator = new Intl.Collator("vi");
  // The classes of Decision 1149 and the provinces' frameworks, best first; any other class name gets grey.
  const classColors = { "Xuất sắc": "#22543d", "Tốt": "#2f855a", "Khá": "#3182ce", "Trung bình": "#d69e2e", "Yếu": "#c53030", "Kém": "#742a2a" };
  const colorOf = (c) => classColors[c] || "#718096";
  let rows = new Map(); // unitCode -> row
  let source = null;
  let version = 0;
  let classOrder = [];

  const params = new URLSearchParams(location.search);
  $("scope").value = params.get("scope") || "";
  $("year").value = params.get("year") || new Date().getFullYear();
  $("period").value = params.get("period") || "Y";
  $("field").value = params.get("field") || "";

  function query() {
    const q = new URLSearchParams({ scope: $("scope").value.trim(), year: $("year").value, period: $("period").value });
    if ($("field").value.trim()) q.set("field", $("field").value.trim());
    return q;
  }

  function refuse(message) {
    if (source) { source.close(); source = null; }
    $("board").hidden = true;
    $("refusal").textContent = message;
    $("refusal").hidden = false;
  }

  function ordered() {
    const list = [...rows.values()].sort((a, b) =>
      (b.index - a.index) || collator.compare(a.name, b.name) || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
    list.forEach((r, i) => { r.rank = i > 0 && list[i - 1].index === r.index ? list[i - 1].rank : i + 1; });
    return list;
  }

  function fmt(n) { return Number(n).toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }

  function render(moved) {
    const body = $("ranking").tBodies[0];
    const before = new Map([...body.rows].map((tr, i) => [tr.dataset.unit, i]));
    const list = ordered();
    body.replaceChildren(...list.map((r, i) => {
      const tr = document.createElement("tr");
      tr.dataset.unit = r.unitCode;
      tr.dataset.rank = r.rank;
      if (r.provisional) { tr.classList.add("provisional"); tr.title = "Tạm tính: chỉ có điểm tự đánh giá"; }
      const prev = r.previousRank == null ? "—" : String(r.previousRank);
      for (const [text, cls] of [[r.rank, "num"], [r.unitCode, ""], [r.name, ""], [fmt(r.index), "num"], [r.className || "", ""], [prev, "num"]]) {
        const td = document.createElement("td");
        td.textContent = text;
        if (cls) td.className = cls;
        tr.appendChild(td);
      }
      const was = before.get(r.unitCode);
      if (moved && was !== undefined && was !== i) {
        tr.classList.add(was > i ? "up" : "down");
        setTimeout(() => tr.classList.remove("up", "down"), 4000);
      }
      return tr;
    }));
    drawChart(list);
  }

  function drawChart(list) {
    const svg = $("chart");
    const [w, h, pad] = [360, 220, 28];
    const bins = Array.from({ length: 10 }, () => new Map());
    for (const r of list) {
      const b = Math.min(9, Math.max(0, Math.floor(r.index / 10)));
      const c = r.className || "—";
      if (!classOrder.includes(c)) {
        classOrder.push(c);
        const known = Object.keys(classColors);
        classOrder.sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99));
      }
      bins[b].set(c, (bins[b].get(c) || 0) + 1);
    }
    const max = Math.max(1, ...bins.map((m) => [...m.values()].reduce((s, v) => s + v, 0)));
    const bw = (w - pad * 2) / 10;
    const parts = [];
    bins.forEach((m, i) => {
      let y = h - pad;
      for (const c of classOrder) {
        const n = m.get(c) || 0;
        if (!n) continue;
        const bh = (h - pad * 2) * n / max;
        y -= bh;
        parts.push(`<rect x="${pad + i * bw + 1}" y="${y}" width="${bw - 2}" height="${bh}" fill="${colorOf(c)}"><title>${i * 10}–${i * 10 + 10}: ${n} (${escapeXml(c)})</title></rect>`);
      }
      parts.push(`<text x="${pad + i * bw + bw / 2}" y="${h - pad + 12}" font-size="9" text-anchor="middle">${i * 10}</text>`);
    });
    parts.push(`<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#444"/>`);
    parts.push(`<text x="${pad - 4}" y="${pad + 4}" font-size="9" text-anchor="end">${max}</text>`);
    classOrder.forEach((c, k) => parts.push(
      `<rect x="${pad + k * 70}" y="4" width="9" height="9" fill="${colorOf(c)}"/><text x="${pad + k * 70 + 12}" y="12" font-size="9">${escapeXml(c)}</text>`));
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    svg.innerHTML = parts.join("");
  }

  function escapeXml(s) { return String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c])); }

  const stages = [["selfAssessment", "Tự đánh giá"], ["appraisalRound1", "Thẩm định vòng 1"], ["appraisalRound2", "Thẩm định vòng 2"], ["survey", "Điều tra XHH"]];
  function showTotals(t) {
    const el = $("progress");
    if (!t) { el.textContent = "Chưa có bộ tiêu chí cho kỳ này: không có tiến độ."; return; }
    el.replaceChildren(...[[`Số xã`, t.unitCount], ...stages.map(([k, label]) => [label, `${t[k].all} đủ · ${t[k].some} một phần · ${t[k].none} chưa`]),
      ["Giải trình chờ", `${t.pendingExplanations} (${t.communesWithPendingExplanations} xã)`]].map(([label, value]) => {
      const d = document.createElement("div");
      d.dataset.stage = label;
      d.textContent = `${label}: ${value}`;
      return d;
    }));
  }

  function applySnapshot(s) {
    rows = new Map(s.rows.map((r) => [r.unitCode, r]));
    version = s.version;
    $("status").textContent = `${s.scope} · ${s.period}${s.field ? " · lĩnh vực " + s.field : ""} · ${s.unitCount} xã xếp hạng · ${s.published ? "đã công bố" : "chưa công bố"} · phiên bản ${s.version}`;
    $("status").dataset.version = s.version;
    $("unranked").textContent = s.unranked.length ? "Chưa xếp hạng: " + s.unranked.map((u) => `${u.name} (${u.reason})`).join("; ") : "";
    showTotals(s.totals);
    render(false);
  }

  function applyUpdate(u) {
    if (u.version <= version) return;
    if (u.row) rows.set(u.unitCode, u.row); else rows.delete(u.unitCode);
    version = u.version;
    $("status").dataset.version = u.version;
    $("status").textContent = $("status").textContent.replace(/phiên bản \d+/, `phiên bản ${u.version}`);
    if (u.totals) showTotals(u.totals);
    render(true);
  }

  async function open() {
    const q = query();
    history.replaceState(null, "", "/board?" + q);
    if (source) { source.close(); source = null; }
    $("refusal").hidden = true;
    let response;
    try {
      response = await fetch("/board/api/ranking?" + q, { credentials: "same-origin" });
    } catch (e) {
      refuse("Không kết nối được máy chủ: " + e.message);
      return;
    }
    const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
    if (!response.ok) {
      refuse((response.status === 403 ? "Không được phép xem: " : response.status === 401 ? "Cần đăng nhập: " : "") + body.error);
      return;
    }
    $("board").hidden = false;
    applySnapshot(body);
    source = new EventSource("/board/api/watch?" + q);
    source.addEventListener("snapshot", (e) => applySnapshot(JSON.parse(e.data)));
    source.addEventListener("update", (e) => applyUpdate(JSON.parse(e.data)));
    source.onopen = () => { document.body.dataset.live = "on"; };
    source.onerror = () => {
      document.body.dataset.live = "reconnecting";
      // A refused reconnection (the sign-in expired, say) closes the feed for good: ask again to show why.
      if (source && source.readyState === EventSource.CLOSED) setTimeout(open, 2000);
    };
  }

  async function who() {
    const me = await (await fetch("/board/api/me", { credentials: "same-origin" })).json();
    const el = $("who");
    if (me.signedIn) {
      el.innerHTML = `<span></span> <form method="post" action="/board/logout" style="display:inline"><button>Đăng xuất</button></form>`;
      el.firstChild.textContent = me.who;
    } else if (me.authentication) {
      el.innerHTML = `<a href="/board/login">Đăng nhập</a>${me.publicView ? " (khách chỉ xem kết quả đã công bố)" : ""}`;
    }
  }

  $("pick").addEventListener("submit", (e) => { e.preventDefault(); open(); });
  who();
  if ($("scope").value) open();
})();
