// stint listing filters: instant multi-facet filtering, sorting and word search.
// The page works without this file (static facet pages); this only enhances it.
// State lives in the address: ?field=research&field=marketing&location=remote&sort=deadline&q=python
// and min_hourly=15 (with currency=EUR when not US dollars) for a minimum pay per hour.
"use strict";

(() => {
  const root = document.querySelector("[data-board]");
  if (!root || !window.fetch || !window.history.pushState) {
    document.documentElement.classList.remove("js", "js-filtering"); // the static page, as it is
    return;
  }

  const site = root.dataset.site || "";
  const SORTS = ["newest", "deadline", "pay", "duration"];
  const filterForm = root.querySelector("[data-filter-form]");
  const searchForm = root.querySelector("[data-search-form]");
  const queryInput = searchForm.querySelector("input[name=q]");
  const sortSelect = searchForm.querySelector("select[name=sort]");
  const minInput = searchForm.querySelector("input[name=min_hourly]");
  const currencySelect = searchForm.querySelector("select[name=currency]");
  const usdPerUnit = (code) => Number(currencySelect.querySelector(`option[value="${code}"]`)?.dataset.usd || 0);
  const countOut = root.querySelector("[data-result-count]");
  const nounOut = root.querySelector("[data-result-noun]");
  const results = root.querySelector("[data-results]");
  const more = root.querySelector("[data-more]");
  const guideHits = root.querySelector("[data-guide-results]");

  let board = null; // filter.json, with bitsets decoded
  let shown = 0; // cards drawn: board.per_page (the server's page size) at a time
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
  const readState = (params = new URLSearchParams(window.location.search)) => {
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
    const currency = usdPerUnit(params.get("currency")) ? params.get("currency") : "USD";
    // A pay band page opens with its minimum chosen.
    const band = !any && !params.has("min_hourly") && window.location.pathname.includes("/pay-per-hour/") ? root.dataset.minHourly : null;
    return { facets, sort, q: (params.get("q") || "").trim(), ...minimum(band || params.get("min_hourly"), currency) };
  };

  // A minimum above zero, or none: what the address or the box says, made safe.
  const minimum = (text, currency) => {
    const value = Number.parseFloat(text);
    return Number.isFinite(value) && value > 0 ? { minHourly: value, currency } : { minHourly: 0, currency };
  };

  const stateUrl = (state) => {
    const params = new URLSearchParams();
    for (const facet of board.facets) {
      for (const value of facet.values) if (state.facets.get(facet.name).has(value.slug)) params.append(facet.name, value.slug);
    }
    if (state.minHourly > 0) params.set("min_hourly", String(state.minHourly));
    if (state.minHourly > 0 && state.currency !== "USD") params.set("currency", state.currency);
    if (state.sort !== "newest") params.set("sort", state.sort);
    if (state.q) params.set("q", state.q);
    const query = params.toString();
    return `${site}/internships/${query ? `?${query}` : ""}`;
  };

  const stateFromControls = () => {
    const facets = new Map(board.facets.map((facet) => [facet.name, new Set()]));
    for (const box of filterForm.querySelectorAll("input[type=checkbox]:checked")) facets.get(box.name).add(box.value);
    return { facets, sort: sortSelect.value, q: queryInput.value.trim(), ...minimum(minInput.value, currencySelect.value) };
  };

  const showState = (state) => {
    for (const box of filterForm.querySelectorAll("input[type=checkbox]")) box.checked = state.facets.get(box.name).has(box.value);
    sortSelect.value = state.sort;
    if (document.activeElement !== queryInput) queryInput.value = state.q;
    if (document.activeElement !== minInput) minInput.value = state.minHourly > 0 ? String(state.minHourly) : "";
    currencySelect.value = state.currency;
  };

  // ---- filtering ----------------------------------------------------------
  const valueBits = (name, slug) => board.bits.get(`${name}=${slug}`);

  // Values of one facet are alternatives (OR); different facets all apply (AND).
  // Postings paying at least the minimum, by the same US cents an hour that sorting by pay
  // uses. Unpaid postings (and pay in a currency without a rate) are -1: any minimum drops them.
  const paying = (state) => {
    const cents = Math.round(state.minHourly * usdPerUnit(state.currency) * 100);
    const words = new Uint32Array((board.count + 31) >>> 5);
    for (let i = 0; i < board.count; i++) if (board.pay[i] >= 0 && board.pay[i] >= cents) words[i >>> 5] |= 1 << (i & 31);
    return words;
  };

  const matching = (state, except) => {
    const result = textMatches ? textMatches.slice() : allPostings();
    if (state.minHourly > 0) {
      const paid = paying(state);
      for (let i = 0; i < result.length; i++) result[i] &= paid[i];
    }
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
    const bits = new Uint32Array((board.count + 31) >>> 5);
    const guides = [];
    for (const hit of await pageHits(q)) {
      const index = searchIds[hit.id];
      if (index !== undefined) bits[index >>> 5] |= 1 << (index & 31);
      else guides.push(hit); // only postings and guides are indexed
    }
    showGuides(await Promise.all(guides.slice(0, 3).map((hit) => hit.data())));
    return bits;
  };

  // Every word, each searched as a quoted phrase: a page matches when it has all of them
  // (stemmed: "budget" finds "budgeting"). Unquoted, Pagefind falls back to the longest
  // prefix of a word that an index holds, and each shard falls back on its own, so a word
  // found in one shard brought unrelated pages from the others ("interviews" found "in").
  const pageHits = async (q) => {
    const words = q.replace(/"/g, " ").split(/\s+/).filter(Boolean);
    const found = await Promise.all(words.map(async (word) => (await pagefind.search(`"${word}"`)).results));
    if (found.length === 0) return [];
    const [first, ...others] = found;
    const sets = others.map((hits) => new Set(hits.map((hit) => hit.id)));
    return first.filter((hit) => sets.every((ids) => ids.has(hit.id)));
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

  // The cards the server drew, by posting index: a filtered view takes these from the page
  // rather than from a card shard, so a shared link's first render often needs no shard at all.
  let serverCards = new Map();
  let ownState = null; // the view the server drew: this page's own, with nothing in the address

  const keepServerCards = () => {
    if (!results.hasAttribute("data-first-page")) return;
    const nodes = results.querySelectorAll(".cards > .card");
    const own = indices(matching(ownState, null), board.per_page);
    if (own.length === nodes.length) serverCards = new Map(own.map((index, k) => [index, nodes[k]]));
  };

  const render = async (order, total) => {
    const token = ++renderToken;
    const visible = order.slice(0, shown);
    const fetched = visible.filter((i) => !serverCards.has(i));
    const numbers = [...new Set(fetched.map((i) => Math.floor(i / board.shard_size)))];
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
      const drawn = (i) => serverCards.get(i)?.cloneNode(true) || card(loaded.get(Math.floor(i / board.shard_size))[i % board.shard_size]);
      list.append(...visible.map(drawn));
      results.replaceChildren(list);
      if (window.stintDeadlines) window.stintDeadlines(list);
    }
    more.hidden = total <= shown;
  };

  // The server drew the first page of the view this address names without a query (the board,
  // a facet or a pay band, newest first): when the address asks for nothing more, that list is
  // already the first render, and drawing it again would only repaint the same cards.
  const drawnByServer = (state) => results.hasAttribute("data-first-page") && stateUrl(state) === stateUrl(ownState);

  // ---- "Follow this search": the feed and calendar of exactly this filter, else the closest broader ones
  const follow = root.querySelector("[data-follow]");
  const followOffer = follow.querySelector("[data-follow-offer]");
  let followTopics = null; // feeds/index.json, fetched once the section nears the screen

  // A topic follows more than the search when, for each facet it filters, the search
  // filters it too and chooses only values the topic accepts.
  const covers = (topic, chosen) =>
    [...topic.facets].every(([name, values]) => chosen.has(name) && [...chosen.get(name)].every((v) => values.has(v)));

  const sameAs = (topic, chosen) =>
    topic.facets.size === chosen.size &&
    [...chosen].every(([name, values]) => topic.facets.has(name) && topic.facets.get(name).size === values.size && covers(topic, chosen));

  const valueLabel = (name, slug) => board.facets.find((f) => f.name === name).values.find((v) => v.slug === slug).label;

  const followLinks = (topic, note) => {
    const line = element("p", "follow-topic");
    line.dataset.followTopic = topic.name;
    line.append(element("strong", "", topic.title), ": ");
    for (const feed of topic.feeds) {
      const link = element("a", "", feed.format);
      link.href = `${site}/${feed.path}`;
      link.dataset.followLink = "";
      line.append(link, " · ");
    }
    const calendar = element("a", "", "Deadlines calendar");
    calendar.href = `${site}/${topic.calendar}`;
    calendar.dataset.followLink = "";
    line.append(calendar);
    if (note) line.append(element("span", "follow-note muted", ` (${note})`));
    return line;
  };

  // How a broader topic differs from the search, in the filters' own words.
  const differences = (topic, chosen) => {
    const words = [];
    for (const [name, values] of chosen) {
      const accepted = topic.facets.get(name);
      const question = board.facets.find((f) => f.name === name).label; // "Hours a week": a bare "11-20" says little
      const labels = (slugs) => `${question}: ${slugs.map((slug) => valueLabel(name, slug)).join(" or ")}`;
      if (!accepted) words.push(`not limited to ${labels([...values])}`);
      else if (accepted.size > values.size) words.push(`also includes ${labels([...accepted].filter((v) => !values.has(v)))}`);
    }
    return words.join("; ");
  };

  const updateFollow = (state) => {
    if (!followTopics) return;
    const chosen = new Map([...state.facets].filter(([, values]) => values.size > 0));
    const exact = state.minHourly > 0 ? null : followTopics.find((topic) => sameAs(topic, chosen));
    const lines = [];
    if (state.q) lines.push(element("p", "muted", "Feeds follow filters, not words: these leave out your search words."));
    if (state.minHourly > 0) lines.push(element("p", "muted", `Feeds do not follow a minimum pay: these also list postings paying under ${state.currency} ${state.minHourly} an hour.`));
    if (exact) {
      followOffer.dataset.followMatch = "exact";
      lines.push(followLinks(exact));
    } else {
      // The closest broader topics: those that keep the most of the chosen facets.
      const broader = followTopics.filter((topic) => covers(topic, chosen));
      const most = Math.max(...broader.map((topic) => topic.facets.size));
      followOffer.dataset.followMatch = "broader";
      lines.push(element("p", "", "No feed follows exactly this search. The closest broader ones:"));
      for (const topic of broader.filter((t) => t.facets.size === most)) {
        lines.push(followLinks(topic, differences(topic, chosen)));
      }
    }
    followOffer.replaceChildren(...lines);
  };

  const loadFollow = async () => {
    const index = await fetchJson("/feeds/index.json");
    for (const topic of index.topics) {
      topic.facets = new Map();
      for (const [name, value] of topic.query) {
        if (!topic.facets.has(name)) topic.facets.set(name, new Set());
        topic.facets.get(name).add(value);
      }
    }
    followTopics = index.topics;
    updateFollow(stateFromControls());
    follow.dataset.ready = "true"; // for tests: the offer now follows the filters
  };

  // Only this section needs the topics (feeds/index.json, some 36 kB before compression): they
  // are fetched when it comes within a screen of view, not with the list, so they never delay
  // it (the server's offer stays until then, and for good if they fail to load).
  const followWhenNear = () => {
    const load = () => loadFollow().catch((error) => console.error("stint follow:", error));
    if (!window.IntersectionObserver) return load();
    const watcher = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        watcher.disconnect();
        load();
      },
      { rootMargin: "100% 0px" },
    );
    watcher.observe(follow);
  };

  // ---- the loop: state -> address -> results ----------------------------------
  const apply = async (state, drawn = false) => {
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
    updateFollow(state);
    if (drawn) {
      more.hidden = total <= shown;
      return;
    }
    // Newest first is the index order: only the shown postings need finding, not all of them.
    const order = ORDER[state.sort] ? indices(bits).sort(ORDER[state.sort]) : indices(bits, shown);
    await render(order, total);
  };

  const change = (push) => {
    const state = stateFromControls();
    shown = board.per_page;
    const url = stateUrl(state);
    if (url !== window.location.pathname + window.location.search) {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }
    return apply(state);
  };

  function clearAll() {
    for (const box of filterForm.querySelectorAll("input[type=checkbox]")) box.checked = false;
    queryInput.value = "";
    minInput.value = "";
    sortSelect.value = "newest";
    change(true);
  }

  let typing = 0;
  const start = async () => {
    const data = await fetchJson("/internships/filter.json");
    data.bits = new Map();
    for (const facet of data.facets) for (const value of facet.values) data.bits.set(`${facet.name}=${value.slug}`, decode(value.bits));
    board = data;
    shown = board.per_page;
    ownState = readState(new URLSearchParams());
    keepServerCards();
    root.classList.add("enhanced");
    filterForm.hidden = false;
    searchForm.hidden = false;
    filterForm.addEventListener("change", () => change(true));
    sortSelect.addEventListener("change", () => change(true));
    currencySelect.addEventListener("change", () => change(true));
    minInput.addEventListener("input", () => {
      window.clearTimeout(typing);
      typing = window.setTimeout(() => change(false), 250);
    });
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
      shown += board.per_page;
      apply(stateFromControls());
    });
    window.addEventListener("popstate", () => {
      shown = board.per_page;
      const state = readState();
      showState(state);
      apply(state);
    });
    const state = readState();
    showState(state);
    await apply(state, drawnByServer(state));
    document.documentElement.classList.remove("js-filtering"); // the filtered list is drawn: show it
    root.dataset.ready = "true"; // for tests and benchmarks: the first render is done
    followWhenNear();
  };

  start().catch((error) => {
    // The static page still works: leave it as it was.
    root.classList.remove("enhanced");
    document.documentElement.classList.remove("js", "js-filtering"); // back to the static page, all of it shown
    console.error("stint filters:", error);
  });
})();
