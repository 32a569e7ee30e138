/* Site search that reads everyday words (issue 17).

   Material's search runs lunr in a web worker. The stub in
   overrides/partials/search.html passes each message for that worker through
   window.b12Search (below) before sending it. On the index (the setup message) it
   learns the words the pages use; each query it rewrites with the lists of
   data/search.yml (window.b12SearchWords, from b12-search-words.js):

   1. a word no page holds, and no list names, becomes the nearest word the pages use
      ("defficiency" -> "deficiency", "vitimin" -> "vitamin");
   2. another spelling becomes the site's ("anemia" -> "anaemia"); a reader's word or
      phrase brings in the site's words ("jab" -> "injection", "omeprazole" -> "proton
      pump inhibitor stomach acid medicine");
   3. stop words ("to", "it", "can") and words on every page ("b12") are left out
      when the query has other words;
   4. a plural becomes its singular ("cramps" -> "cramp"): Material matches the start
      of words, so "cramp" still finds "cramps" and "cramping".

   A query written in lunr's own syntax (+word, -word, word~1, word^2, "a b",
   title:word, word*) is left as it is. Without this file, or without the lists,
   the search works as Material made it. */
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var SYNTAX = /(^|\s)[+-]|[~^*:"]/;
  var lists = window.b12SearchWords || {};
  var separator = /[\s-]+/;
  var vocabulary = [];            /* the pages' words, sorted */
  var counts = Object.create(null); /* how often each is used */

  function set(words) {
    var out = Object.create(null);
    (words || []).forEach(function (w) { out[w] = true; });
    return out;
  }

  function table(entries) {
    var out = Object.create(null);
    (entries || []).forEach(function (entry) {
      entry.reader.forEach(function (form) { out[form] = entry.site; });
    });
    return out;
  }

  var stop = set(lists.stop_words);
  var common = set(lists.common_words);
  var spellings = table(lists.spellings);
  var words = table(lists.words);
  var answers = (lists.answers || []).map(function (entry) {
    return {
      forms: entry.reader.map(function (form) { return form.split(" "); }),
      section: entry.section,
      alone: entry.alone
    };
  });
  var pending = [];               /* the answering section of each query sent */
  var inPhrases = Object.create(null);
  var longest = 1;
  answers.forEach(function (entry) {
    entry.forms.forEach(function (form) {
      form.forEach(function (w) { inPhrases[w] = true; });
    });
  });
  Object.keys(spellings).concat(Object.keys(words)).forEach(function (form) {
    var parts = form.split(" ");
    longest = Math.max(longest, parts.length);
    parts.forEach(function (w) { inPhrases[w] = true; });
  });

  /* The words of a text as the search splits them, lower case, without the
     punctuation around them. */
  function split(text) {
    return text.toLowerCase().split(separator).map(function (w) {
      return w.replace(/^[^0-9a-z\u00c0-\u024f]+|[^0-9a-z\u00c0-\u024f]+$/g, "");
    }).filter(Boolean);
  }

  function learn(index) {
    if (index.config && index.config.separator) {
      try { separator = new RegExp(index.config.separator); } catch (e) { /* keep */ }
    }
    (index.docs || []).forEach(function (doc) {
      var text = (doc.title || "") + " " + (doc.text || "").replace(/<[^>]*>/g, " ");
      split(text).forEach(function (w) { counts[w] = (counts[w] || 0) + 1; });
    });
    vocabulary = Object.keys(counts).sort();
  }

  /* Whether some word of the pages starts with `w` (what Material's search finds). */
  function known(w) {
    var lo = 0, hi = vocabulary.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (vocabulary[mid] < w) lo = mid + 1; else hi = mid;
    }
    return lo < vocabulary.length && vocabulary[lo].lastIndexOf(w, 0) === 0;
  }

  /* Edit distance with swaps of two neighbouring letters counted once, or more than
     `most` if it is more. */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var rows = [[]], i, j;
    for (j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      rows[i] = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        best = Math.min(best, d);
      }
      if (best > most) return most + 1;
    }
    return rows[a.length][b.length];
  }

  /* The pages' word nearest to `w` (one change for short words, two for long ones),
     the most used of equally near ones; `w` itself if none is near. */
  function correct(w) {
    if (!vocabulary.length || w.length < 4 || /\d/.test(w) || known(w)) return w;
    var most = w.length < 6 ? 1 : 2, found = w, best = most + 1;
    vocabulary.forEach(function (v) {
      if (stop[v] || v.length < 4) return;
      var d = distance(w, v, most);
      if (d < best || (d === best && d <= most && counts[v] > counts[found])) {
        best = d;
        found = v;
      }
    });
    return best <= most ? found : w;
  }

  function singular(w) {
    if (w.length < 4 || /\d/.test(w)) return w;
    if (/[^aeiou]ies$/.test(w)) return w.slice(0, -3) + "y";
    if (/(x|ch|sh|ss)es$/.test(w)) return w.slice(0, -2);
    if (/[^su']s$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function listed(w) {
    return w in inPhrases || w in stop || w in common;
  }

  function same(a, b) {
    return a === b || singular(a) === singular(b);
  }

  /* Whether the words `form` stand together in `tokens`. */
  function holds(tokens, form) {
    for (var i = 0; i + form.length <= tokens.length; i++) {
      var j = 0;
      while (j < form.length && same(tokens[i + j], form[j])) j++;
      if (j === form.length) return true;
    }
    return false;
  }

  /* The section that answers the query (page address and anchor), or null. */
  function answer(tokens) {
    var content = tokens.filter(function (w) { return !stop[w]; });
    for (var a = 0; a < answers.length; a++) {
      for (var f = 0; f < answers[a].forms.length; f++) {
        var form = answers[a].forms[f];
        if (answers[a].alone
          ? form.length === content.length && holds(content, form)
          : holds(tokens, form))
          return answers[a].section;
      }
    }
    return null;
  }

  /* The site address of a search result ("guides/treatments/#recovery"), also from
     the offline copy ("guides/treatments.html#recovery"). */
  function address(location) {
    return location
      .replace(/(^|\/)index\.html(?=#|$)/, "$1")
      .replace(/\.html(?=#|$)/, "/");
  }

  /* Put the page of `section` first in the results, and the section first in it. */
  function putFirst(groups, section) {
    for (var g = 0; g < groups.length; g++) {
      for (var k = 0; k < groups[g].length; k++) {
        if (address(groups[g][k].location) !== section) continue;
        var group = groups.splice(g, 1)[0];
        if (section.indexOf("#") !== -1) {
          var item = group.splice(k, 1)[0];
          group.forEach(function (other) { item.score = Math.max(item.score, other.score); });
          group.unshift(item);
        }
        groups.unshift(group);
        return;
      }
    }
  }

  /* The query the search looks up, for the query the reader typed. */
  function rewrite(query) {
    return read(query).query;
  }

  function read(query) {
    if (SYNTAX.test(query)) return { query: query, answer: null };
    var tokens = split(query).map(function (w) {
      return listed(w) || listed(singular(w)) ? w : correct(singular(w));
    });
    if (!tokens.length) return { query: query, answer: null };
    var section = answer(tokens);
    var own = [], added = [], i = 0;
    while (i < tokens.length) {
      var n = Math.min(longest, tokens.length - i), phrase = null;
      for (; n > 0; n--) {
        phrase = tokens.slice(i, i + n).join(" ");
        if (phrase in spellings || phrase in words) break;
        if (n === 1 && (singular(phrase) in spellings || singular(phrase) in words)) {
          phrase = singular(phrase);
          break;
        }
      }
      if (n === 0) {
        own.push(tokens[i]);
        i += 1;
        continue;
      }
      if (phrase in spellings) own = own.concat(spellings[phrase].split(" "));
      else {
        own = own.concat(tokens.slice(i, i + n));
        added = added.concat(words[phrase].split(" "));
      }
      i += n;
    }
    var content = own.filter(function (w) { return !stop[w]; });
    if (!content.length && !added.length) content = own;
    var rest = content.filter(function (w) { return !common[w]; });
    if (rest.length || added.length) content = rest;
    var seen = Object.create(null), out = [];
    content.concat(added).forEach(function (w) {
      w = singular(w);
      if (!seen[w]) {
        seen[w] = true;
        out.push(w);
      }
    });
    return { query: out.length ? out.join(" ") : query, answer: section };
  }

  /* A message for the search worker, as it should be sent. */
  function b12Search(message) {
    if (!message || typeof message !== "object") return message;
    if (message.type === SETUP && message.data) learn(message.data);
    if (message.type === QUERY && typeof message.data === "string") {
      var read_ = read(message.data);
      pending.push(read_.answer);
      return { type: QUERY, data: read_.query };
    }
    return message;
  }

  /* A message from the search worker, as Material should see it: results with the
     section that answers the question first. */
  b12Search.received = function (message) {
    if (message && message.type === RESULT && pending.length) {
      var section = pending.shift();
      if (section && message.data && message.data.items) putFirst(message.data.items, section);
    }
    return message;
  };
  b12Search.rewrite = rewrite;
  b12Search.answer = function (query) { return read(query).answer; };
  window.b12Search = b12Search;
})();
