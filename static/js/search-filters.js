/* The search page's filters, enhanced. Without this script the page is a plain GET form: values
   are applied with the "Apply filters" button, and on a phone a link leads down to the filters.
   With it: a ticked value applies at once (the page comes back with the focus on that value),
   long facets get a box to find a value, facets stay open or closed as the reader left them,
   and on a phone the filters open in a drawer from the "Filters (n)" button at the top. */
(function () {
  "use strict";

  const form = document.querySelector("form.search");
  const panel = form && form.querySelector("[data-filters]");
  const link = form && form.querySelector("[data-filters-toggle]");
  if (!panel || !link) {
    return;
  }
  const RESTORE_KEY = "passerelle:search:restore";
  const FACETS_KEY = "passerelle:search:facets";
  const phone = window.matchMedia("(max-width: 48rem)");
  const closers = panel.querySelectorAll("[data-filters-close]");
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.append(status);
  form.classList.add("search--enhanced");
  panel.querySelectorAll("[data-filters-apply]").forEach((button) => {
    button.hidden = true;
  });

  // -- the drawer (phones) ----------------------------------------------------------------------

  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "button button--quiet";
  toggle.textContent = link.textContent;
  toggle.setAttribute("aria-controls", panel.id);
  toggle.setAttribute("aria-expanded", "false");
  link.replaceWith(toggle);

  const isOpen = () => panel.classList.contains("is-open");

  function openDrawer(focusTarget) {
    panel.classList.add("is-open");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "true");
    toggle.setAttribute("aria-expanded", "true");
    closers.forEach((button) => {
      button.hidden = false;
    });
    document.documentElement.classList.add("has-drawer");
    (focusTarget || closers[0]).focus();
  }

  function closeDrawer(returnFocus) {
    if (!isOpen()) {
      return;
    }
    panel.classList.remove("is-open");
    panel.removeAttribute("role");
    panel.removeAttribute("aria-modal");
    toggle.setAttribute("aria-expanded", "false");
    closers.forEach((button) => {
      button.hidden = true;
    });
    document.documentElement.classList.remove("has-drawer");
    if (returnFocus) {
      toggle.focus();
    }
  }

  toggle.addEventListener("click", () => (isOpen() ? closeDrawer(true) : openDrawer()));
  closers.forEach((button) => button.addEventListener("click", () => closeDrawer(true)));
  phone.addEventListener("change", (event) => {
    if (!event.matches) {
      closeDrawer(false);
    }
  });

  const visible = (element) => element.getClientRects().length > 0;
  const FOCUSABLE = "a[href], button, input, select, textarea, summary";

  document.addEventListener("keydown", (event) => {
    if (!isOpen()) {
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      closeDrawer(true);
    } else if (event.key === "Tab") {
      // A modal drawer keeps the focus inside it until it is closed.
      const stops = [...panel.querySelectorAll(FOCUSABLE)].filter(
        (element) => !element.disabled && visible(element)
      );
      const first = stops[0];
      const last = stops[stops.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  // A link to a field inside the closed drawer (an error's "Correct the years") opens it.
  document.addEventListener("click", (event) => {
    const anchor = event.target.closest && event.target.closest('a[href^="#"]');
    const target = anchor && document.getElementById(anchor.getAttribute("href").slice(1));
    if (target && panel.contains(target) && phone.matches && !isOpen()) {
      event.preventDefault();
      openDrawer(target);
    }
  });

  // -- a ticked value applies at once --------------------------------------------------------------

  function remember(key, value) {
    try {
      sessionStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Storage refused (private browsing, quota): the page works, it only forgets.
    }
  }

  function recall(key) {
    try {
      return JSON.parse(sessionStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  panel.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") {
      return;
    }
    remember(RESTORE_KEY, { name: box.name, value: box.value, drawer: isOpen() });
    // The form's state without its empty fields: the address stays short enough to share.
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim() !== "") {
        query.append(name, value);
      }
    }
    window.location.assign(`${window.location.pathname}?${query}`);
  });

  // -- facets stay as the reader left them -------------------------------------------------------

  const facets = panel.querySelectorAll("details[data-facet]");
  const openFacets = recall(FACETS_KEY) || {};
  facets.forEach((facet) => {
    const chosen = facet.querySelector("input:checked") !== null;
    if (facet.dataset.facet in openFacets && !chosen) {
      facet.open = openFacets[facet.dataset.facet];
    }
  });
  // `toggle` does not bubble: listened to on the way down.
  panel.addEventListener(
    "toggle",
    (event) => {
      const facet = event.target;
      if (facet.matches && facet.matches("details[data-facet]")) {
        openFacets[facet.dataset.facet] = facet.open;
        remember(FACETS_KEY, openFacets);
      }
    },
    true
  );

  // -- a box to find a value in a long facet -------------------------------------------------------

  const fold = (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();

  panel.querySelectorAll("fieldset[data-filterable]").forEach((fieldset, index) => {
    const box = document.createElement("div");
    box.className = "search-facet__filter";
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "search";
    input.id = `search-facet-filter-${index}`;
    input.autocomplete = "off";
    label.htmlFor = input.id;
    label.textContent = fieldset.dataset.filterLabel;
    box.append(label, input);
    fieldset.querySelector("legend").after(box);
    const none = document.createElement("p");
    none.className = "search-facet__none";
    none.setAttribute("role", "status");
    fieldset.append(none);
    const more = fieldset.querySelector(".search-facet__more");
    const values = [...fieldset.querySelectorAll("li")].map((item) => ({
      item,
      text: fold(item.querySelector("label").firstChild.textContent),
    }));
    let moreWasOpen = null;

    input.addEventListener("input", () => {
      const wanted = fold(input.value.trim());
      let matches = 0;
      values.forEach(({ item, text }) => {
        item.hidden = wanted !== "" && !text.includes(wanted);
        matches += item.hidden ? 0 : 1;
      });
      if (more) {
        // While a value is sought, the values behind "show more" are searched and shown too.
        if (wanted && moreWasOpen === null) {
          moreWasOpen = more.open;
          more.open = true;
        } else if (!wanted && moreWasOpen !== null) {
          more.open = moreWasOpen;
          moreWasOpen = null;
        }
        more.querySelector("summary").hidden = wanted !== "";
      }
      none.textContent = wanted && !matches ? fieldset.dataset.filterNone : "";
    });
    // Enter in this box only finds a value: it must not run the search.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  });

  // -- back from applying a value -----------------------------------------------------------------

  const restore = recall(RESTORE_KEY);
  try {
    sessionStorage.removeItem(RESTORE_KEY);
  } catch (error) {
    // Nothing was stored.
  }
  if (restore) {
    const box = [...panel.querySelectorAll('input[type="checkbox"]')].find(
      (input) => input.name === restore.name && input.value === restore.value
    );
    for (let parent = box && box.closest("details"); parent; parent = parent.parentElement.closest("details")) {
      parent.open = true;
    }
    if (restore.drawer && phone.matches) {
      openDrawer(box);
    } else if (box) {
      box.focus();
    }
    // Say what the search now finds: the focus stays on the value that changed it.
    const heading = document.getElementById("search-results-title");
    if (heading) {
      window.setTimeout(() => {
        status.textContent = heading.textContent.trim();
      }, 250);
    }
  }
})();
