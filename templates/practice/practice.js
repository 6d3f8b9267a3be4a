/* qb practice page. It shows, hides, moves and clones the nodes that the
   templates wrote (and escaped), and sets only textContent and attributes
   itself: no text of the bank ever passes through innerHTML. Progress is
   kept in localStorage under the exam's title, form and content hash. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("qb-practice-data").textContent);
  var L = data.labels;
  var meta = {};          // question number -> its entry of data.questions
  var printed = {};       // question number -> option ids in printed order
  var stays = {};         // question number -> option id -> kept in place on a retake
  data.questions.forEach(function (q) {
    q.el = document.getElementById("q" + q.number);
    meta[q.number] = q;
    printed[q.number] = [];
    stays[q.number] = {};
    all("input[data-option-id]", q.el).forEach(function (input) {
      printed[q.number].push(input.value);
      stays[q.number][input.value] = input.closest(".option").getAttribute("data-stays") === "true";
    });
  });

  function one(selector, root) { return (root || document).querySelector(selector); }
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function part(name, root) { return one('[data-part="' + name + '"]', root); }
  function actions(name) { return all('[data-action="' + name + '"]'); }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }
  function letter(index) {
    var out = "";
    index += 1;
    while (index) {
      var rest = (index - 1) % 26;
      out = String.fromCharCode(65 + rest) + out;
      index = Math.floor((index - 1) / 26);
    }
    return out;
  }
  function optionNumber(id) { return parseInt(id.slice(1), 10); }
  function sameSet(a, b) {
    if (a.length !== b.length) { return false; }
    return a.every(function (x) { return b.indexOf(x) >= 0; });
  }
  function clock(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    var mm = (h && m < 10 ? "0" : "") + m, ss = (s < 10 ? "0" : "") + s;
    return (h ? h + ":" : "") + mm + ":" + ss;
  }
  function randomWords(n) {
    var words = new Uint32Array(n);
    (window.crypto || window.msCrypto).getRandomValues(words);
    return Array.prototype.slice.call(words);
  }
  function randomId() {
    return randomWords(4).map(function (w) { return ("00000000" + w.toString(16)).slice(-8); }).join("");
  }
  // mulberry32: a small seeded generator, so a retake's order can be told from its seed.
  function generator(seed) {
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // --- storage ---------------------------------------------------------------
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem("qb-practice-probe", "1");
    storage.removeItem("qb-practice-probe");
  } catch (e) {
    storage = null;
  }
  var SETTINGS_KEY = "qb-practice-settings";

  function readJson(key) {
    if (!storage) { return null; }
    try { return JSON.parse(storage.getItem(key)); } catch (e) { return null; }
  }
  function writeJson(key, value) {
    if (!storage) { return; }
    try { storage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or refused: go on unsaved */ }
  }

  var state = { v: 1, screen: "start", attempt: null };
  var settings = readJson(SETTINGS_KEY) || { shortcuts: true };

  function save() {
    tick();
    writeJson(data.storage_key, state);
  }

  // --- time ------------------------------------------------------------------
  // Time counts while the page is visible: each question gets the seconds it
  // was on screen, the attempt all of them (and the review screen's).
  var since = null;

  function tick() {
    var now = Date.now(), a = state.attempt;
    if (since !== null && a && !a.finished && document.visibilityState !== "hidden") {
      var spent = (now - since) / 1000;
      a.seconds += spent;
      if (state.screen === "quiz") { a.responses[current()].seconds += spent; }
    }
    since = now;
  }

  var timer = null;
  function startTimer() {
    stopTimer();
    var saved = Date.now();
    timer = window.setInterval(function () {
      var a = state.attempt;
      if (!a || a.finished) { stopTimer(); return; }
      if (a.deadline !== null) {
        showClock();
        if (Date.now() >= a.deadline) { finish(true); return; }
      }
      if (Date.now() - saved > 5000) { saved = Date.now(); save(); }
    }, 250);
  }
  function stopTimer() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
  }
  function showClock() {
    var a = state.attempt, left = (a.deadline - Date.now()) / 1000;
    part("clock").textContent = clock(Math.ceil(left));
    [5, 1].forEach(function (minutes) {
      if (left <= minutes * 60 && a.limit > minutes * 60 && a.warned.indexOf(minutes) < 0) {
        a.warned.push(minutes);
        announce(fill(L.minutes_left, { n: minutes }));
      }
    });
  }

  // --- attempts --------------------------------------------------------------
  function newAttempt(mode, retake, numbers) {
    var seed = randomWords(1)[0], random = generator(seed), a = {
      id: randomId(), mode: mode, retake: retake, started: new Date().toISOString(), finished: null,
      seconds: 0, limit: null, deadline: null, timeUp: false, warned: [], seed: seed,
      order: numbers, index: 0, options: {}, responses: {}
    };
    if (mode === "exam" && data.exam.time_limit) {
      // A retake of some questions gets their share of the time.
      a.limit = Math.ceil(data.exam.time_limit * numbers.length / data.questions.length) * 60;
      a.deadline = Date.now() + a.limit * 1000;
    }
    numbers.forEach(function (n) {
      a.options[n] = retake ? reshuffled(n, random) : printed[n].slice();
      a.responses[n] = { chosen: [], checked: false, flagged: false, seconds: 0, self: null, notes: "" };
    });
    return a;
  }

  // Options that stay in place (pinned, or "All of the above") keep their
  // place; the others are shuffled into the free places.
  function reshuffled(n, random) {
    var ids = printed[n];
    if (!data.exam.shuffle_options) { return ids.slice(); }
    var loose = ids.filter(function (id) { return !stays[n][id]; });
    for (var i = loose.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1)), t = loose[i];
      loose[i] = loose[j];
      loose[j] = t;
    }
    return ids.map(function (id) { return stays[n][id] ? id : loose.shift(); });
  }

  function current() { var a = state.attempt; return a.order[a.index]; }

  function results(a) {
    var rows = a.order.map(function (n, i) {
      var q = meta[n], r = a.responses[n];
      return { q: q, r: r, position: i + 1, correct: q.type === "open" ? null : sameSet(r.chosen, q.keys) };
    });
    var scored = rows.filter(function (row) { return row.correct !== null; });
    var right = scored.filter(function (row) { return row.correct; }).length;
    return { rows: rows, correct: right, total: scored.length, percent: percent(right, scored.length) };
  }
  function percent(part, whole) { return whole ? Math.round(1000 * part / whole) / 10 : 0; }
  function missed(row) {
    return row.correct === false || (row.correct === null && row.r.self !== null && row.r.self < 1);
  }

  // --- the page ----------------------------------------------------------------
  function announce(text) {
    var region = part("announce");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 60);
  }
  function notice(text) {
    var box = part("notice");
    box.textContent = text;
    box.hidden = !text;
  }

  function showScreen(name, focus) {
    state.screen = name;
    all("[data-screen]").forEach(function (screen) { screen.hidden = screen.getAttribute("data-screen") !== name; });
    var a = state.attempt, running = a && !a.finished;
    actions("reset").forEach(function (b) { b.hidden = name === "start"; });
    part("mode").hidden = !a || name === "start";
    if (a) { part("mode").textContent = a.mode === "exam" ? L.mode_exam : L.mode_study; }
    part("timer").hidden = !(running && a.deadline !== null && name !== "start");
    if (running && a.deadline !== null) { showClock(); }
    if (focus) {
      var heading = one('[data-screen="' + name + '"] h1');
      if (heading) { heading.focus(); }
    }
  }

  function applyOrder(n, ids) {
    var fieldset = one("fieldset.options", meta[n].el);
    if (!fieldset) { return; }
    ids.forEach(function (id, i) {
      var input = one('input[data-option-id="' + id + '"]', fieldset);
      input.setAttribute("data-letter", letter(i));
      one(".mark", input.closest(".option")).textContent = letter(i);
      fieldset.appendChild(input.closest(".option"));
    });
  }

  function keyLetters(n) {
    var a = state.attempt;
    return a.options[n].map(function (id, i) { return meta[n].keys.indexOf(id) >= 0 ? letter(i) : null; })
      .filter(Boolean);
  }

  // Marks every option of question n as the key and/or the learner's answer
  // (words and symbols, not colour alone), and shows each option's why.
  function reveal(n, root) {
    var q = meta[n], r = state.attempt.responses[n];
    all(".option", root).forEach(function (option) {
      var id = one("input", option) ? one("input", option).value : option.getAttribute("data-option-id");
      markOption(option, q.keys.indexOf(id) >= 0, r.chosen.indexOf(id) >= 0);
    });
  }
  function markOption(option, key, chosen) {
    option.classList.toggle("is-key", key);
    option.classList.toggle("is-chosen", chosen);
    option.classList.toggle("is-wrong", chosen && !key);
    var words = [];
    if (key) { words.push(L.correct_answer); }
    if (chosen) { words.push(L.your_answer); }
    part("verdict", option).textContent = words.join(" · ");
    all(".why", option).forEach(function (why) { why.hidden = false; });
  }
  function verdictText(n, correct) {
    if (meta[n].type === "open") { return ""; }
    var answer = fill(L.answer_is, { letters: keyLetters(n).join(", ") });
    if (correct) { return L.correct; }
    return (state.attempt.responses[n].chosen.length ? L.incorrect : L.no_answer) + " " + answer;
  }

  function resetQuestion(n) {
    var el = meta[n].el;
    all("input", el).forEach(function (input) { input.checked = false; input.disabled = false; });
    all(".option", el).forEach(function (option) {
      option.classList.remove("is-key", "is-chosen", "is-wrong");
      part("verdict", option).textContent = "";
    });
    all(".why", el).forEach(function (why) { why.hidden = true; });
    part("feedback", el).hidden = true;
    part("flag-mark", el).hidden = true;
    var notes = part("notes", el);
    if (notes) { notes.value = ""; }
  }

  function renderQuestion(n) {
    var a = state.attempt, q = meta[n], r = a.responses[n], el = q.el;
    var revealed = a.mode === "study" && r.checked;
    part("heading", el).textContent = fill(L.question_of, { n: a.index + 1, total: a.order.length });
    all("input[data-option-id]", el).forEach(function (input) {
      input.checked = r.chosen.indexOf(input.value) >= 0;
      input.disabled = revealed;
    });
    var notes = part("notes", el);
    if (notes) { notes.value = r.notes; }
    all("input[data-self-score]", el).forEach(function (input) {
      input.checked = r.self !== null && parseFloat(input.value) === r.self;
    });
    part("flag-mark", el).hidden = !r.flagged;
    part("feedback", el).hidden = !revealed;
    if (revealed) {
      reveal(n, el);
      part("verdict-text", el).textContent = verdictText(n, q.type !== "open" && sameSet(r.chosen, q.keys));
    }
  }

  function showQuestion(focus) {
    var a = state.attempt, n = current(), last = a.index === a.order.length - 1, exam = a.mode === "exam";
    var r = a.responses[n], open = meta[n].type === "open";
    all("section.question").forEach(function (el) { el.hidden = el !== meta[n].el; });
    renderQuestion(n);
    actions("prev").forEach(function (b) { b.disabled = a.index === 0; });
    var check = one('[data-screen="quiz"] [data-action="check"]');
    check.hidden = exam || r.checked;
    check.textContent = open ? check.getAttribute("data-label-open") : check.getAttribute("data-label-choice");
    var next = one('[data-screen="quiz"] [data-action="next"]');
    next.hidden = last && !exam;
    var flag = one('[data-action="flag"]');
    flag.hidden = !exam;
    flag.setAttribute("aria-pressed", r.flagged ? "true" : "false");
    one('[data-screen="quiz"] [data-action="review"]').hidden = !exam;
    one('[data-screen="quiz"] [data-action="finish"]').hidden = exam;
    showProgress();
    if (focus) { one(".q-head", meta[n].el).focus(); }
  }

  function answered(n) {
    var r = state.attempt.responses[n];
    return r.chosen.length > 0 || (meta[n].type === "open" && (r.notes.trim() !== "" || r.checked));
  }
  function showProgress() {
    var a = state.attempt, count = a.order.filter(answered).length;
    part("progress").max = a.order.length;
    part("progress").value = count;
    part("progress-text").textContent = fill(L.progress, { answered: count, total: a.order.length });
  }

  function go(step) {
    var a = state.attempt, index = a.index + step;
    if (index < 0) { return; }
    if (index >= a.order.length) {
      if (a.mode === "exam") { review(); }
      return;
    }
    tick();
    a.index = index;
    save();
    showQuestion(true);
  }

  function record(n) {
    var r = state.attempt.responses[n];
    r.chosen = all("input[data-option-id]", meta[n].el)
      .filter(function (input) { return input.checked; })
      .map(function (input) { return input.value; })
      .sort(function (x, y) { return optionNumber(x) - optionNumber(y); });
    save();
    showProgress();
  }

  function choose(index) {
    var input = orderedInputs(current())[index];
    if (!input || input.disabled) { return false; }
    input.checked = input.type === "checkbox" ? !input.checked : true;
    input.focus();
    record(current());
    return true;
  }
  function orderedInputs(n) {
    return state.attempt.options[n].map(function (id) {
      return one('input[data-option-id="' + id + '"]', meta[n].el);
    });
  }

  function check() {
    var a = state.attempt, n = current(), r = a.responses[n];
    if (a.mode !== "study" || r.checked) { return; }
    r.checked = true;
    save();
    showQuestion(false);
    var q = meta[n];
    var correct = q.type !== "open" && sameSet(r.chosen, q.keys);
    announce(q.type === "open" ? L.model_answer : verdictText(n, correct));
    var target = a.index === a.order.length - 1 ? '[data-action="finish"]' : '[data-action="next"]';
    one('[data-screen="quiz"] ' + target).focus();
  }

  function review() {
    tick();
    var a = state.attempt, list = part("review-list"), unanswered = 0, flagged = 0;
    list.textContent = "";
    a.order.forEach(function (n, i) {
      var r = a.responses[n], item = document.createElement("li"), button = document.createElement("button");
      item.setAttribute("data-number", String(n));
      button.type = "button";
      button.setAttribute("data-action", "goto");
      button.setAttribute("data-index", String(i));
      button.textContent = L.question + " " + (i + 1);
      item.appendChild(button);
      var status = document.createElement("span");
      status.className = answered(n) ? "status" : "status is-unanswered";
      status.textContent = answered(n) ? L.answered : L.not_answered;
      item.appendChild(status);
      if (!answered(n)) { unanswered += 1; }
      if (r.flagged) {
        flagged += 1;
        var mark = document.createElement("span");
        mark.className = "status is-flagged";
        mark.textContent = L.flagged;
        item.appendChild(mark);
      }
      list.appendChild(item);
    });
    part("review-summary").textContent = fill(L.review_summary,
      { unanswered: unanswered, flagged: flagged, total: a.order.length });
    showScreen("review", true);
    save();
  }

  function finish(timeUp) {
    var a = state.attempt;
    if (!a || a.finished) { return; }
    tick();
    a.timeUp = !!timeUp;
    a.finished = timeUp && a.deadline !== null ? new Date(Math.min(Date.now(), a.deadline)).toISOString()
      : new Date().toISOString();
    stopTimer();
    showScreen("results", false);
    showResults();
    save();
    one("#results-title").focus();
    if (timeUp) { announce(L.time_up); }
  }

  function showResults() {
    var a = state.attempt, res = results(a), box = part("result");
    box.setAttribute("data-score", String(res.percent));
    box.setAttribute("data-correct", String(res.correct));
    box.setAttribute("data-total", String(res.total));
    part("time-up").hidden = !a.timeUp;
    part("percent").textContent = res.percent + "%";
    part("score-text").textContent = fill(L.score, { correct: res.correct, total: res.total });
    var verdict = part("verdict", box);
    if (verdict && data.exam.pass_mark !== null) {
      var passed = res.percent >= data.exam.pass_mark;
      verdict.textContent = (passed ? "\u2713 " + L.passed : "\u2717 " + L.not_passed) +
        " (" + L.pass_mark + " " + data.exam.pass_mark + "%)";
      verdict.classList.toggle("is-passed", passed);
      verdict.classList.toggle("is-failed", !passed);
    }
    part("time-taken").textContent = clock(a.seconds);
    var open = res.rows.filter(function (row) { return row.correct === null; });
    var note = part("open-note");
    note.hidden = open.length === 0;
    note.textContent = fill(L.open_not_scored, {
      n: open.filter(function (row) { return row.r.self !== null; }).length, total: open.length
    });
    all("[data-domain-score]").forEach(function (item) {
      var domain = item.getAttribute("data-domain-score");
      var rows = res.rows.filter(function (row) { return row.q.domain === domain; });
      var scored = rows.filter(function (row) { return row.correct !== null; });
      var right = scored.filter(function (row) { return row.correct; }).length, share = percent(right, scored.length);
      item.hidden = rows.length === 0;
      item.setAttribute("data-correct", String(right));
      item.setAttribute("data-total", String(scored.length));
      part("figures", item).textContent = scored.length ? right + " / " + scored.length + " (" + share + "%)" : "\u2014";
      part("bar", item).setAttribute("width", String(share));
      item.classList.toggle("is-below", data.exam.pass_mark !== null && share < data.exam.pass_mark);
    });
    // Missed choice questions, then every written answer beside its model
    // answer; "retake missed" also takes written answers graded below 1.
    var list = part("missed"), wrong = res.rows.filter(function (row) { return row.correct === false; });
    list.textContent = "";
    wrong.forEach(function (row) { list.appendChild(reviewEntry(row, a)); });
    part("none-missed").hidden = wrong.length > 0;
    var written = part("written");
    written.textContent = "";
    open.forEach(function (row) { written.appendChild(reviewEntry(row, a)); });
    part("written-head").hidden = open.length === 0;
    actions("retake-missed").forEach(function (b) { b.hidden = !res.rows.some(missed); });
  }

  // A question for the results: clones of its stem, options, whys and
  // explanation (nodes the template escaped), marked as in study mode; for
  // a written answer, the learner's text and the model answer.
  function reviewEntry(row, a) {
    var n = row.q.number, el = meta[n].el, item = document.createElement("li");
    item.className = "missed-item";
    item.setAttribute("data-item-id", row.q.item_id);
    item.setAttribute("data-number", String(n));
    var head = document.createElement("h3");
    head.textContent = fill(L.question_of, { n: row.position, total: a.order.length });
    item.appendChild(head);
    item.appendChild(one(".stem", el).cloneNode(true));
    if (row.q.type !== "open") {
      var options = document.createElement("ul");
      options.className = "missed-options";
      a.options[n].forEach(function (id, i) {
        var source = one('input[data-option-id="' + id + '"]', el).closest(".option");
        var option = document.createElement("li");
        option.className = "option";
        option.setAttribute("data-option-id", id);
        var mark = document.createElement("span");
        mark.className = "mark";
        mark.textContent = letter(i);
        option.appendChild(mark);
        var body = document.createElement("div");
        body.className = "option-body";
        body.appendChild(one(".option-text", source).cloneNode(true));
        var verdict = document.createElement("p");
        verdict.className = "verdict";
        verdict.setAttribute("data-part", "verdict");
        body.appendChild(verdict);
        all(".why", source).forEach(function (why) { body.appendChild(why.cloneNode(true)); });
        option.appendChild(body);
        options.appendChild(option);
        markOption(option, row.q.keys.indexOf(id) >= 0, row.r.chosen.indexOf(id) >= 0);
      });
      item.appendChild(options);
      var verdictLine = document.createElement("p");
      verdictLine.className = "verdict-text";
      verdictLine.textContent = verdictText(n, false);
      item.appendChild(verdictLine);
    } else {
      var mine = document.createElement("div");
      mine.className = "own-answer";
      var title = document.createElement("h4");
      title.textContent = L.your_answer;
      var text = document.createElement("p");
      text.className = "own-text";
      text.textContent = row.r.notes.trim() || "\u2014";
      mine.appendChild(title);
      mine.appendChild(text);
      if (row.r.self !== null) {
        var grade = document.createElement("p");
        grade.textContent = fill(L.graded, {
          grade: row.r.self >= 1 ? L.self_full : row.r.self > 0 ? L.self_partly : L.self_missed
        });
        mine.appendChild(grade);
      }
      item.appendChild(mine);
    }
    [".model-answer", ".explanation", ".references"].forEach(function (selector) {
      var found = one(selector, el);
      if (found) { item.appendChild(found.cloneNode(true)); }
    });
    return item;
  }

  function exported(a) {
    var out = {
      format: "qb-practice-attempt", version: 1, attempt_id: a.id,
      exam: { title: data.exam.title, form: data.exam.form, content_hash: data.exam.content_hash },
      mode: a.mode, started: a.started, finished: a.finished, seconds: Math.round(a.seconds * 10) / 10,
      responses: a.order.map(function (n) {
        var q = meta[n], r = a.responses[n], record = {
          item_id: q.item_id, item_hash: q.item_hash, form: data.exam.form, number: n,
          chosen: r.chosen.slice(), correct: q.type === "open" ? null : sameSet(r.chosen, q.keys),
          flagged: r.flagged, seconds: Math.round(r.seconds * 10) / 10
        };
        if (q.type === "open") { record.self_score = r.self; }
        return record;
      })
    };
    if (a.retake) { out.retake = a.retake; }
    return out;
  }

  function download() {
    tick();
    var a = state.attempt, text = JSON.stringify(exported(a), null, 2) + "\n";
    var name = "attempt-" + (data.exam.title.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() ||
      "exam") + "-" + data.exam.form.replace(/[^A-Za-z0-9_-]/g, "") + "-" + a.started.replace(/[:.]/g, "-") + ".json";
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function begin(mode, retake, numbers) {
    data.questions.forEach(function (q) { resetQuestion(q.number); });
    state = { v: 1, screen: "quiz", attempt: newAttempt(mode, retake, numbers) };
    since = Date.now();
    state.attempt.order.forEach(function (n) { applyOrder(n, state.attempt.options[n]); });
    notice("");
    showScreen("quiz", false);
    showQuestion(true);
    save();
    startTimer();
    if (window.performance && performance.mark) { performance.mark("qb-practice-question"); }
  }

  function startOver() {
    stopTimer();
    if (storage) { try { storage.removeItem(data.storage_key); } catch (e) { /* ignore */ } }
    state = { v: 1, screen: "start", attempt: null };
    data.questions.forEach(function (q) { resetQuestion(q.number); applyOrder(q.number, printed[q.number]); });
    notice("");
    showScreen("start", true);
  }

  // --- events -----------------------------------------------------------------
  var handlers = {
    "start-study": function () { begin("study", null, data.questions.map(function (q) { return q.number; })); },
    "start-exam": function () { begin("exam", null, data.questions.map(function (q) { return q.number; })); },
    check: check,
    next: function () { go(1); },
    prev: function () { go(-1); },
    flag: function () {
      var r = state.attempt.responses[current()];
      r.flagged = !r.flagged;
      save();
      showQuestion(false);
    },
    review: review,
    back: function () { tick(); showScreen("quiz", false); showQuestion(true); save(); },
    "goto": function (button) {
      tick();
      state.attempt.index = parseInt(button.getAttribute("data-index"), 10);
      showScreen("quiz", false);
      showQuestion(true);
      save();
    },
    finish: function () { finish(false); },
    "export": download,
    retake: function () {
      var a = state.attempt;
      begin(a.mode, "all", data.questions.map(function (q) { return q.number; }));
    },
    "retake-missed": function () {
      var a = state.attempt, numbers = results(a).rows.filter(missed).map(function (row) { return row.q.number; });
      if (numbers.length) { begin(a.mode, "missed", numbers); }
    },
    reset: startOver
  };

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button || button.disabled || !handlers[button.getAttribute("data-action")]) { return; }
    handlers[button.getAttribute("data-action")](button);
  });

  document.addEventListener("change", function (event) {
    var target = event.target, a = state.attempt;
    if (target.getAttribute("data-part") === "shortcuts") {
      settings.shortcuts = target.checked;
      writeJson(SETTINGS_KEY, settings);
      return;
    }
    if (!a || a.finished) { return; }
    if (target.hasAttribute("data-option-id")) { record(current()); }
    if (target.hasAttribute("data-self-score")) {
      a.responses[current()].self = parseFloat(target.value);
      save();
    }
  });

  document.addEventListener("input", function (event) {
    var a = state.attempt;
    if (a && !a.finished && event.target.getAttribute("data-part") === "notes") {
      a.responses[current()].notes = event.target.value;
      save();
      showProgress();
    }
  });

  // Letters and digits choose, Enter checks (then moves on), the arrow keys
  // and N / P move. Only on the question screen, never while typing, and
  // not at all when the learner turns shortcuts off on the start screen.
  document.addEventListener("keydown", function (event) {
    var a = state.attempt, target = event.target, tag = target.tagName;
    if (!settings.shortcuts || state.screen !== "quiz" || !a || a.finished) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable ||
        (tag === "INPUT" && target.type !== "radio" && target.type !== "checkbox")) { return; }
    var key = event.key, n = current(), handled = true;
    if (key === "ArrowRight") {
      go(1);
    } else if (key === "ArrowLeft") {
      go(-1);
    } else if (key === "Enter") {
      if (tag === "BUTTON" || tag === "A" || target.hasAttribute("data-self-score")) { return; }
      var r = a.responses[n];
      if (a.mode === "study" && !r.checked) {
        if (r.chosen.length || meta[n].type === "open") { check(); }
      } else if (a.index === a.order.length - 1 && a.mode === "study") {
        finish(false);
      } else {
        go(1);
      }
    } else if (/^[1-9]$/.test(key)) {
      handled = choose(parseInt(key, 10) - 1);
    } else if (/^[a-z]$/i.test(key) && !event.shiftKey) {
      var index = -1;
      a.options[n].forEach(function (id, i) { if (letter(i) === key.toUpperCase()) { index = i; } });
      if (index >= 0) {
        handled = choose(index);
      } else if (key.toLowerCase() === "n") {
        go(1);
      } else if (key.toLowerCase() === "p") {
        go(-1);
      } else {
        handled = false;
      }
    } else {
      handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { save(); } else { since = Date.now(); }
  });
  window.addEventListener("pagehide", save);

  // --- start -------------------------------------------------------------------
  function resume(saved) {
    var a = saved.attempt;
    state = saved;
    a.order.forEach(function (n) { applyOrder(n, a.options[n]); });
    since = Date.now();
    if (state.screen === "results" || a.finished) {
      showScreen("results", false);
      showResults();
    } else if (a.deadline !== null && Date.now() >= a.deadline) {
      showScreen("quiz", false);
      showQuestion(false);
      finish(true);
    } else {
      if (state.screen === "review") { review(); } else { showScreen("quiz", false); showQuestion(true); }
      startTimer();
    }
    notice(L.resumed);
  }

  function valid(saved) {
    if (!saved || saved.v !== 1 || !saved.attempt || !Array.isArray(saved.attempt.order)) { return false; }
    return saved.attempt.order.every(function (n) {
      var options = saved.attempt.options[n], r = saved.attempt.responses[n];
      return meta[n] && r && Array.isArray(r.chosen) && Array.isArray(options) &&
        sameSet(options, printed[n]);
    });
  }

  part("shortcuts").checked = settings.shortcuts !== false;
  all("[data-screen=start] button").forEach(function (b) { b.disabled = false; });
  var saved = readJson(data.storage_key);
  if (valid(saved)) {
    resume(saved);
  } else {
    showScreen("start", false);
    if (!storage) { notice(L.no_storage); }
  }
  if (window.performance && performance.mark) { performance.mark("qb-practice-ready"); }
}());
