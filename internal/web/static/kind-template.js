// With scripts on, choosing another kind on a new entry swaps an untouched
// body (still one kind's template) for the chosen kind's template. The
// server does the same when the form is sent with scripts off (followKind).
document.addEventListener("change", function (e) {
  var r = e.target;
  if (!r.matches || !r.matches(".entry-form input[name=kind][data-template]")) return;
  var body = document.getElementById("f-body");
  if (!body) return;
  var norm = function (s) { return s.replace(/\r\n/g, "\n").trim(); };
  var radios = document.querySelectorAll(".entry-form input[name=kind][data-template]");
  for (var i = 0; i < radios.length; i++) {
    if (norm(radios[i].dataset.template) !== "" && norm(radios[i].dataset.template) === norm(body.value)) {
      body.value = r.dataset.template;
      return;
    }
  }
});
