// Days left before each deadline, counted in the reader's browser on the day they read the
// page. The page prints the date itself, so it reads correctly without this file, and it
// needs no rebuild as the days pass. Dates are the board's (UTC) calendar days.
"use strict";

(() => {
  const DAY = 86400000;

  const todayUtc = () => {
    const now = new Date();
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  };

  const words = (left) => {
    if (left < 0) return "(deadline passed)";
    if (left === 0) return "(last day)";
    return left === 1 ? "(1 day left)" : `(${left} days left)`;
  };

  const fill = (root) => {
    const today = todayUtc();
    for (const span of root.querySelectorAll("[data-days-left]")) {
      const left = Math.round((Date.parse(span.dataset.daysLeft) - today) / DAY);
      if (Number.isNaN(left)) continue;
      span.textContent = words(left);
      span.classList.toggle("soon", left >= 0 && left <= 7);
      span.hidden = false;
    }
  };

  window.stintDeadlines = fill; // board.js fills the cards it inserts
  fill(document);
})();
