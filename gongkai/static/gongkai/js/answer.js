// 拟定答复: show the legal bases that fit the chosen result, and only the facts the chosen basis
// asks for. Without this script every option and fact is shown and the server still checks them.
(function () {
  "use strict";
  function setUp(form) {
    var result = form.querySelector("select[name$='result']");
    var option = form.querySelector("select[data-basis]");
    if (!result || !option) return;
    var map = JSON.parse(option.getAttribute("data-basis"));
    var facts = form.querySelectorAll("[data-fact]");
    function wrapper(field) {
      return field.closest("div") || field.parentNode;
    }
    function refresh() {
      var options = map[result.value] || {};
      var keys = Object.keys(options);
      var groups = option.querySelectorAll("optgroup");
      groups.forEach(function (group) {
        var fits = Array.prototype.some.call(group.children, function (o) {
          return keys.indexOf(o.value) !== -1;
        });
        group.hidden = !fits;
        group.disabled = !fits;
      });
      if (option.value && keys.indexOf(option.value) === -1) option.value = "";
      if (!option.value && keys.length === 1) option.value = keys[0];
      var wanted = option.value ? options[option.value] || [] : [];
      facts.forEach(function (field) {
        var show = wanted.indexOf(field.getAttribute("data-fact")) !== -1;
        var hasValue = field.type === "checkbox" ? field.checked : field.value !== "";
        wrapper(field).hidden = !(show || hasValue);
      });
    }
    result.addEventListener("change", refresh);
    option.addEventListener("change", refresh);
    refresh();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(setUp);
  });
})();
