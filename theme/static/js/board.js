// stint listing filters: instant multi-facet filtering, sorting and word search.
// The page works without this file (static facet pages); this only enhances it.
// State lives in the address: ?field=research&field=marketing&location=remote&sort=deadline&q=python
"use strict";

(() => {
  const root = document.querySelector("[data-board]");
  if (!root || !window.fetch || !window.history.pushState) return;

  const site = root.dataset.site || "";
  const PAGE = 24;
  const SORTS = ["newest", "deadline", "pay", "duration"];
  const filterForm = root.querySelector("[data-filter-form]");
  const searchForm = root.querySelector("[data-search-form]");
  const queryInput = searchForm.querySelector("input[name=q]");
  const sortSelect = searchForm.querySelector("select[name=sort]");
  const countOut = root.querySelector("[data-result-count]");
  const nounOut = root.querySelector("[data-result-noun]");
  const results = root.querySelector("[data-results]");
  const more = root.querySelector("[data-more]");
  const guideHits = root.querySelector("[data-guide-results]");

  let board = null; // filter.json, with bitsets decoded
  let shown = PAGE;
  let textMatches = null; // Uint32Array of postings matching q, or null without words
  let lastQuery = "";
  let renderToken = 0;
  const shards = new Map();

  // ---- data -------------------------------------------------------------
  const decode = (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return new Uint32Array(bytes.buffer, 0, bytes.length >> 2);
  };

  const popcount = (words) => {
    let total = 0;
    for (let i = 0; i < words.length; i++) {
      let v = words[i] - ((words[i] >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  };

  const allPostings = () => {
    const words = new Uint32Array((board.count + 31) >>> 5).fill(0xffffffff);
    if (board.count & 31) words[words.length - 1] = (2 ** (board.count & 31) - 1) >>> 0;
    return words;
  };

  const fetchJson = async (path) => {
    const response = await fetch(site + path);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };

  // ---- state <-> address ------------------------------------------------
  const readState = () => {
    const params = new URLSearchParams(window.location.search);
    const facets = new Map(board.facets.map((facet) => [facet.name, new Set()]));
    let any = false;
    for (const [name, value] of params) {
      const facet = board.facets.find((f) => f.name === name);
      if (facet && facet.values.some((v) => v.slug === value)) {
        facets.get(name).add(value);
        any = true;
      }
    }
    // A static facet page opens with its own value chosen.
    if (!any && !params.has("q") && root.dataset.facet && window.location.pathname.includes(`/${root.dataset.facet}/`)) {
      facets.get(root.dataset.facet).add(root.dataset.value);
    }
    const sort = SORTS.includes(params.get("sort")) ? params.get("sort") : "newest";
    return { facets, sort, q: (params.get("q") || "").trim() };
  };

  const stateUrl = (state) => {
    const params = new URLSearchParams();
    for (const facet of board.facets) {
      for (const value of facet.values) if (state.facets.get(facet.name).has(value.slug)) params.append(facet.name, value.slug);
    }
    if (state.sort !== "newest") params.set("sort", state.sort);
    if (state.q) params.set("q", state.q);
    const query = params.toString();
    return `${site}/internships/${query ? `?${query}` : ""}`;
  };

  const stateFromControls = () => {
    const facets = new Map(board.facets.map((facet) => [facet.name, new Set()]));
    for (const box of filterForm.querySelectorAll("input[type=checkbox]:checked")) facets.get(box.name).add(box.value);
    return { facets, sort: sortSelect.value, q: queryInput.value.trim() };
  };

  const showState = (state) => {
    for (const box of filterForm.querySelectorAll("input[type=checkbox]")) box.checked = state.facets.get(box.name).has(box.value);
    sortSelect.value = state.sort;
    if (document.activeElement !== queryInput) queryInput.value = state.q;
  };

  // ---- filtering ----------------------------------------------------------
  const valueBits = (name, slug) => board.bits.get(`${name}=${slug}`);

  // Values of one facet are alternatives (OR); different facets all apply (AND).
  const matching = (state, except) => {
    const result = textMatches ? textMatches.slice() : allPostings();
    for (const [name, chosen] of state.facets) {
      if (name === except || chosen.size === 0) continue;
      const union = new Uint32Array(result.length);
      for (const slug of chosen) {
        const bits = valueBits(name, slug);
        for (let i = 0; i < union.length; i++) union[i] |= bits[i];
      }
      for (let i = 0; i < result.length; i++) result[i] &= union[i];
    }
    return result;
  };

  // The postings in newest-first order (their index order), stopping after `limit`.
  const indices = (bits, limit = Infinity) => {
    const found = [];
    for (let w = 0; w < bits.length && found.length < limit; w++) {
      let word = bits[w];
      while (word) {
        const low = word & -word;
        found.push((w << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
    return found;
  };

  const ORDER = {
    newest: null,
    deadline: (a, b) => board.deadline[a] - board.deadline[b] || a - b,
    pay: (a, b) => board.pay[b] - board.pay[a] || a - b,
    duration: (a, b) => board.weeks[a] - board.weeks[b] || a - b,
  };

  const updateCounts = (state) => {
    const others = new Map();
    for (const output of filterForm.querySelectorAll("[data-count]")) {
      const [name, slug] = output.dataset.count.split("=");
      if (!others.has(name)) others.set(name, matching(state, name));
      const base = others.get(name);
      const bits = valueBits(name, slug);
      const words = new Uint32Array(base.length);
      for (let i = 0; i < words.length; i++) words[i] = base[i] & bits[i];
      output.textContent = popcount(words);
    }
  };

  // ---- word search (Pagefind, only when there are words) -----------------
  let pagefind = null;
  let searchIds = null;

  const searchWords = async (q) => {
    if (!pagefind) {
      // The index comes in shards (so a rebuild re-indexes only what changed): load the first, merge the rest.
      const [first, ...others] = (await fetchJson("/pagefind/shards.json")).shards;
      if (first === undefined) return new Uint32Array((board.count + 31) >>> 5); // nothing indexed
      pagefind = await import(`${site}/pagefind/${first}/pagefind.js`);
      await pagefind.options({ basePath: `${site}/pagefind/${first}/` });
      for (const shard of others) await pagefind.mergeIndex(`${site}/pagefind/${shard}/`);
      searchIds = await fetchJson("/internships/search-ids.json");
    }
    const found = await pagefind.search(q);
    const bits = new Uint32Array((board.count + 31) >>> 5);
    const guides = [];
    for (const hit of found.results) {
      const index = searchIds[hit.id];
      if (index !== undefined) bits[index >>> 5] |= 1 << (index & 31);
      else guides.push(hit); // only postings and guides are indexed
    }
    showGuides(await Promise.all(guides.slice(0, 3).map((hit) => hit.data())));
    return bits;
  };

  const showGuides = (guides) => {
    const list = guideHits.querySelector("ul");
    list.replaceChildren(
      ...guides.map((guide) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = guide.url;
        link.textContent = guide.meta.title || guide.url;
        item.append(link);
        return item;
      }),
    );
    guideHits.hidden = guides.length === 0;
  };

  // ---- cards ---------------------------------------------------------------
  const shard = (number) => {
    if (!shards.has(number)) shards.set(number, fetchJson(`/internships/cards/${number}.json`));
    return shards.get(number);
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // A card is the server's own HTML for it (the theme's card macro, escaped there), so the
  // filtered view and the no-JavaScript pages show the same card.
  const card = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  };

  const render = async (order, total) => {
    const token = ++renderToken;
    const visible = order.slice(0, shown);
    const numbers = [...new Set(visible.map((i) => Math.floor(i / board.shard_size)))];
    const loaded = new Map(await Promise.all(numbers.map(async (n) => [n, await shard(n)])));
    if (token !== renderToken) return; // a newer state has been rendered meanwhile
    if (total === 0) {
      const empty = element("p", "empty", "No internships match these filters. ");
      const clear = element("button", "link-button", "Clear all filters");
      clear.type = "button";
      clear.addEventListener("click", clearAll);
      empty.append(clear);
      results.replaceChildren(empty);
    } else {
      const list = element("ol", "cards");
      list.setAttribute("role", "list");
      list.append(...visible.map((i) => card(loaded.get(Math.floor(i / board.shard_size))[i % board.shard_size])));
      results.replaceChildren(list);
      if (window.stintDeadlines) window.stintDeadlines(list);
    }
    more.hidden = total <= shown;
  };

  // ---- the loop: state -> address -> results ----------------------------------
  const apply = async (state) => {
    if (state.q !== lastQuery) {
      lastQuery = state.q;
      textMatches = state.q ? await searchWords(state.q) : null;
      if (!state.q) guideHits.hidden = true;
    }
    const bits = matching(state, null);
    const total = popcount(bits);
    countOut.textContent = total;
    nounOut.textContent = `open ${total === 1 ? "internship" : "internships"}${state.q ? ` matching “${state.q}”` : ""}`;
    updateCounts(state);
    // Newest first is the index order: only the shown postings need finding, not all of them.
    const order = ORDER[state.sort] ? indices(bits).sort(ORDER[state.sort]) : indices(bits, shown);
    await render(order, total);
  };

  const change = (push) => {
    const state = stateFromControls();
    shown = PAGE;
    const url = stateUrl(state);
    if (url !== window.location.pathname + window.location.search) {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }
    return apply(state);
  };

  function clearAll() {
    for (const box of filterForm.querySelectorAll("input[type=checkbox]")) box.checked = false;
    queryInput.value = "";
    sortSelect.value = "newest";
    change(true);
  }

  let typing = 0;
  const start = async () => {
    const data = await fetchJson("/internships/filter.json");
    data.bits = new Map();
    for (const facet of data.facets) for (const value of facet.values) data.bits.set(`${facet.name}=${value.slug}`, decode(value.bits));
    board = data;
    root.classList.add("enhanced");
    filterForm.hidden = false;
    searchForm.hidden = false;
    filterForm.addEventListener("change", () => change(true));
    sortSelect.addEventListener("change", () => change(true));
    searchForm.addEventListener("submit", (event) => {
      event.preventDefault();
      change(true);
    });
    queryInput.addEventListener("input", () => {
      window.clearTimeout(typing);
      typing = window.setTimeout(() => change(false), 250);
    });
    root.querySelector("[data-clear]").addEventListener("click", clearAll);
    more.querySelector("button").addEventListener("click", () => {
      shown += PAGE;
      apply(stateFromControls());
    });
    window.addEventListener("popstate", () => {
      shown = PAGE;
      const state = readState();
      showState(state);
      apply(state);
    });
    const state = readState();
    showState(state);
    await apply(state);
    root.dataset.ready = "true"; // for tests and benchmarks: the first render is done
  };

  start().catch((error) => {
    // The static page still works: leave it as it was.
    root.classList.remove("enhanced");
    console.error("stint filters:", error);
  });
})();
