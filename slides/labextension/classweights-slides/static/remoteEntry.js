/* The arrow keys on a focused widget move the widget, not the slides (Voila, voila.json loads this file).
 *
 * reveal.js turns the slide on the arrow keys in a keydown listener on `document`; it lets them through only
 * when the focus is in an <input> or a <textarea>. A slider's handle (noUiSlider, ipywidgets 8) is a <div>, so
 * a teacher who tabs to a slider and presses an arrow key turns the slide instead. This listener, on <html>,
 * runs after the widget's own listeners (they sit on the focused element, further down) and before reveal's
 * (on `document`, further up), and stops the key there: the widget moves, the slide stays. Any other key,
 * and every key when the focus is not on a widget's control, goes on to reveal as before.
 *
 * It also names each slider's handle (aria-label, from the slider's label) for screen readers: ipywidgets 8.1
 * gives the handle role="slider" but no name (axe-core: aria-input-field-name; tests/test_accessibility.py).
 *
 * Loaded as a JupyterLab "federated extension" without a build step: this file registers a module container
 * (window._JUPYTERLAB[name], the protocol the loader expects) whose one module is an empty list of plugins; the
 * listener is installed when the file is evaluated.
 */
(function () {
  "use strict";
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

  if (!window.__classweightsSlideKeys) {
    window.__classweightsSlideKeys = true;
    document.documentElement.addEventListener("keydown", keepKeyInWidget, false);
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

  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () { pending = false; nameSliderHandles(); });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  var name = "classweights-slides";
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[name] = {
    init: function () { return Promise.resolve(); },
    get: function () { return Promise.resolve(function () { return { __esModule: true, default: [] }; }); }
  };
})();
