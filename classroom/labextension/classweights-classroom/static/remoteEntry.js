/* The Class Weights Lab's JupyterLab and Voila extension (installed by the classroom package, ./classroom;
 * voila.json also points Voila at this folder). Three things, for the keyboard and for screen readers:
 *
 * 1. The arrow keys on a focused widget move the widget, not the slides (Voila's reveal.js slides).
 *    reveal.js turns the slide on the arrow keys in a keydown listener on `document`; it lets them through only
 *    when the focus is in an <input> or a <textarea>. A slider's handle (noUiSlider, ipywidgets 8) is a <div>,
 *    so a teacher who tabs to a slider and presses an arrow key turns the slide instead. This listener, on
 *    <html>, runs after the widget's own listeners (they sit on the focused element, further down) and before
 *    reveal's and JupyterLab's (on `document`, further up), and stops the key there: the widget moves, the
 *    slide (or the notebook's selected cell) stays. Any other key, and every key when the focus is not on a
 *    widget's control, goes on as before.
 *
 * 2. Each slider's handle gets a name (aria-label, from the slider's label) for screen readers: ipywidgets 8.1
 *    gives the handle role="slider" but no name (axe-core: aria-input-field-name; tests/test_accessibility.py).
 *
 * 3. A picture in a cell's output gets its text alternative. JupyterLab's image renderer, and Voila's templates
 *    (the slides), draw an output's PNG as an <img> without alt, whatever the output says. The lessons'
 *    cw.show() writes a description of each figure into the PNG itself, as the standard "Description" text
 *    chunk (src/classweights/plotting/alt.py); this file reads it from the picture's data and sets alt. A
 *    picture that has an alt already, or no description, is left as it is.
 *
 * Loaded as a JupyterLab "federated extension" without a build step: this file registers a module container
 * (window._JUPYTERLAB[name], the protocol JupyterLab's and Voila's loaders expect) whose one module is an empty
 * list of plugins; all three are installed when the file is evaluated, and follow the page as it changes.
 */
(function () {
  "use strict";
  var NAME = "classweights-classroom";
  var KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"];
  var CONTROLS = ".noUi-handle, [role='slider'], input, select, textarea";

  function keepKeyInWidget(event) {
    var target = event.target;
    if (KEYS.indexOf(event.key) < 0 || !target || typeof target.closest !== "function") {
      return;
    }
    if (target.closest(".jupyter-widgets") && target.closest(CONTROLS)) {
      event.stopPropagation();
    }
  }

  function nameSliderHandles() {
    document.querySelectorAll(".jupyter-widgets .noUi-handle:not([aria-label])").forEach(function (handle) {
      var slider = handle.closest(".widget-slider, .widget-hslider, .widget-vslider, .widget-inline-hbox");
      var label = slider && slider.querySelector(".widget-label");
      var text = label ? label.textContent.trim() : "";
      if (text) {
        handle.setAttribute("aria-label", text);
      }
    });
  }

  var PNG_DATA = "data:image/png;base64,";

  // The "Description" text of a PNG (a tEXt chunk, or an uncompressed iTXt one, UTF-8), or "".
  function pngDescription(src) {
    var bytes;
    try {
      var raw = atob(src.slice(PNG_DATA.length));
      bytes = new Uint8Array(raw.length);
      for (var k = 0; k < raw.length; k++) { bytes[k] = raw.charCodeAt(k); }
    } catch (e) {
      return "";
    }
    var utf8 = new TextDecoder("utf-8"), latin1 = new TextDecoder("latin1");
    for (var at = 8; at + 12 <= bytes.length;) {
      var length = ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
      var type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
      if (type === "IEND" || at + 12 + length > bytes.length) { break; }  // the end, or a truncated chunk
      var data = bytes.subarray(at + 8, at + 8 + length);
      if (type === "tEXt" || type === "iTXt") {
        var zero = data.indexOf(0);
        if (zero > 0 && latin1.decode(data.subarray(0, zero)) === "Description") {
          if (type === "tEXt") { return latin1.decode(data.subarray(zero + 1)); }
          if (data[zero + 1] === 0) {  // not compressed; skip the language tag and the translated keyword
            var lang = data.indexOf(0, zero + 3), translated = lang < 0 ? -1 : data.indexOf(0, lang + 1);
            return translated < 0 ? "" : utf8.decode(data.subarray(translated + 1));
          }
        }
      }
      at += 12 + length;
    }
    return "";
  }

  function describePictures() {
    document.querySelectorAll(".jp-OutputArea-output img:not([alt]):not([data-classweights-alt])")
      .forEach(function (img) {
        var src = img.getAttribute("src") || "";
        var text = src.indexOf(PNG_DATA) === 0 ? pngDescription(src).trim() : "";
        img.setAttribute("data-classweights-alt", text ? "set" : "none");
        if (text) {
          img.setAttribute("alt", text);
        }
      });
  }

  function update() {
    nameSliderHandles();
    describePictures();
  }

  // Installed last, once every function and constant above is defined.
  if (!window.__classweightsClassroom) {
    window.__classweightsClassroom = true;
    document.documentElement.addEventListener("keydown", keepKeyInWidget, false);
    var pending = false;
    new MutationObserver(function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(function () { pending = false; update(); });
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
    update();
  }

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function () { return Promise.resolve(); },
    get: function () { return Promise.resolve(function () { return { __esModule: true, default: [] }; }); }
  };
})();
