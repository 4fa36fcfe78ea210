// The page of `pst serve`: shows the state the server sends (server-sent events) and keeps
// the document up to date. Every word comes from the server; text is only ever set as
// text (textContent), never as markup. The document's frame runs no script: this page
// replaces its content when a new document is rendered, keeping the reader's place.
"use strict";

(() => {
  const frame = document.getElementById("document");
  const holder = document.getElementById("document-frame");
  const ribbon = document.getElementById("ribbon");
  const status = document.getElementById("status");
  const findings = document.getElementById("findings");
  let shown = -1; // the number of the document in the frame (-1: the one the frame loaded by itself)
  let wanted = 0;
  let loading = false;
  // The frame's own load of /document gives it the document's content policy: wait for it
  // before replacing its content. It may be over already: this script is deferred, and on
  // a busy machine the frame can load before it runs.
  const frameLoaded = () => {
    const doc = frame.contentDocument;
    return doc !== null && doc.readyState === "complete" && doc.URL !== "about:blank";
  };
  const frameReady = new Promise((resolve) => {
    if (frameLoaded()) resolve();
    else frame.addEventListener("load", resolve, { once: true });
  });

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Words as the document prints them and as the files hold them compare equal: the
  // document's typographic apostrophes and no-break spaces are plain ones here.
  function plain(text) {
    return text.replace(/[\u2019\u02bc]/g, "'").replace(/[\u00a0\u202f\s]+/g, " ").trim();
  }

  // The place of an entity in the document: an anchor named by its id (`A1.OG2`, or
  // `objective-A1.OG2` as the document may name its anchors), else the first mention of
  // its id, else of its title (`words`), in the text outside the table of contents.
  function place(doc, id, words) {
    const exact = doc.getElementById(id);
    if (exact) return exact;
    for (const node of doc.querySelectorAll("[id]")) {
      if (node.id.endsWith("-" + id) && !node.closest("nav")) return node;
    }
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const mention = new RegExp("(^|[^\\w.-])" + escaped + "(?![\\w-]|\\.\\w)");
    const title = plain(words || "");
    for (const matches of [(text) => mention.test(text), (text) => title.length > 0 && plain(text).includes(title)]) {
      const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const text = walker.currentNode;
        if (matches(text.data) && !text.parentElement.closest("nav")) return text.parentElement;
      }
    }
    return null;
  }

  function show(finding, link) {
    const target = frame.contentDocument && place(frame.contentDocument, finding.entity, finding.text);
    if (!target) {
      link.classList.add("missing");
      link.title = findings.dataset.notFound;
      return;
    }
    target.scrollIntoView({ block: "center" });
    target.style.outline = "3px solid #e07a1f";
    target.style.outlineOffset = "2px";
    target.dataset.pstShown = "";
    setTimeout(() => {
      target.style.outline = "";
      target.style.outlineOffset = "";
      delete target.dataset.pstShown;
    }, 2500);
  }

  function showFindings(state) {
    findings.replaceChildren();
    for (const group of state.groups) {
      const section = element("section");
      section.append(element("h2", "path", group.path));
      const list = element("ul");
      for (const finding of group.findings) {
        const item = element("li", "finding " + finding.severity);
        let where;
        if (finding.entity) {
          where = element("a", "where", finding.where);
          where.href = "#";
          where.title = finding.title;
          where.dataset.entity = finding.entity;
          where.addEventListener("click", (event) => {
            event.preventDefault();
            show(finding, where);
          });
        } else {
          where = element("span", "where", finding.where);
        }
        item.append(where, " ", element("span", "severity", finding.label), " ", element("span", "message", finding.message), " ",
          element("span", "rule", "[" + finding.rule + "]"));
        if (finding.hint) item.append(element("div", "hint", "→ " + finding.hint));
        list.append(item);
      }
      section.append(list);
      findings.append(section);
    }
  }

  function openLinksOutside(doc) {
    for (const link of doc.querySelectorAll('a[href^="http:"], a[href^="https:"], a[href^="mailto:"]')) {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
  }

  // Fetch the document held and put it in the frame, where the reader was.
  async function loadDocument() {
    if (loading) return;
    loading = true;
    try {
      await frameReady;
      while (shown !== wanted) {
        const target = wanted;
        const response = await fetch("/document", { cache: "no-store" });
        const doc = frame.contentDocument;
        const view = frame.contentWindow;
        // Parsed in the frame's own realm, under the document's content policy (its inline
        // styles allowed), not the page's.
        const parsed = new view.DOMParser().parseFromString(await response.text(), "text/html");
        const x = view.scrollX, y = view.scrollY;
        doc.replaceChild(doc.importNode(parsed.documentElement, true), doc.documentElement);
        view.scrollTo(x, y);
        openLinksOutside(doc);
        shown = target;
        document.body.dataset.document = String(target);
      }
    } finally {
      loading = false;
    }
  }

  function apply(state) {
    status.textContent = state.status;
    status.classList.toggle("busy", state.busy);
    holder.classList.toggle("stale", state.stale);
    ribbon.hidden = !state.stale;
    ribbon.textContent = state.stale ? state.status : "";
    const problem = document.getElementById("problem");
    problem.hidden = !state.problem;
    problem.querySelector(".message").textContent = state.problem ? state.problem.message : "";
    problem.querySelector(".hint").textContent = state.problem ? state.problem.hint : "";
    const summary = document.getElementById("summary");
    summary.textContent = state.summary;
    summary.classList.toggle("has-errors", state.errors > 0);
    document.getElementById("clean").hidden = !state.clean;
    showFindings(state);
    // The conformity grid (`state.grid`) has no status to show yet: its section stays hidden.
    document.getElementById("grid").hidden = !state.grid;
    document.body.dataset.revision = String(state.revision);
    document.body.dataset.busy = String(state.busy);
    if (state.document > 0 && state.document !== shown) {
      wanted = state.document;
      loadDocument();
    }
  }

  if (frameLoaded()) openLinksOutside(frame.contentDocument);
  frame.addEventListener("load", () => openLinksOutside(frame.contentDocument));
  const events = new EventSource("/events");
  const disconnected = document.getElementById("disconnected");
  events.addEventListener("state", (event) => apply(JSON.parse(event.data)));
  events.addEventListener("open", () => { disconnected.hidden = true; });
  events.addEventListener("error", () => { disconnected.hidden = false; });
})();
