// The item form shows only the fields an item needs: 不予公开的依据 when it is not 主动公开,
// the redacted text when 删减后公开, 有效性 for 规章/规范性文件, the interpreted policy for a
// 政策解读, the 三同步 box for policy columns. Without JavaScript every field stays visible; a
// field with an error is never hidden.
(function () {
  "use strict";
  var form = document.querySelector("form.item-form[data-column-kinds]");
  if (!form) return;
  var kinds = JSON.parse(document.getElementById(form.dataset.columnKinds).textContent);
  var POLICY = ["regulation", "normative"];
  var DOCUMENTS = ["regulation", "normative", "other_document"];

  function group(name) {
    var field = form.querySelector('[name="' + name + '"]');
    if (!field) return null;
    return field.closest(".field, div, p");
  }
  function disclosure() {
    var checked = form.querySelector('[name="disclosure"]:checked');
    return checked ? checked.value : "active";
  }
  function kind() {
    var entry = form.querySelector('[name="entry"]');
    if (entry) return kinds[entry.value] || "";
    var keys = Object.keys(kinds);  // a correction keeps its one column
    return keys.length === 1 ? kinds[keys[0]] : "";
  }
  var rules = {
    withhold_ground: function () { return disclosure() !== "active"; },
    withhold_explanation: function () { return disclosure() !== "active"; },
    redacted_body: function () { return disclosure() === "redacted"; },
    validity: function () { return POLICY.indexOf(kind()) >= 0; },
    effective_date: function () { return POLICY.indexOf(kind()) >= 0; },
    valid_until: function () { return POLICY.indexOf(kind()) >= 0; },
    long_term: function () { return POLICY.indexOf(kind()) >= 0; },
    repealed_date: function () { return POLICY.indexOf(kind()) >= 0; },
    replaced_by: function () { return POLICY.indexOf(kind()) >= 0; },
    needs_interpretation: function () { return DOCUMENTS.indexOf(kind()) >= 0; },
    interprets: function () { return kind() === "interpretation"; }
  };
  function update() {
    Object.keys(rules).forEach(function (name) {
      var box = group(name);
      if (!box) return;
      var hasError = box.querySelector(".errorlist") !== null;
      box.hidden = !(rules[name]() || hasError);
    });
  }
  form.addEventListener("change", update);
  update();
})();
